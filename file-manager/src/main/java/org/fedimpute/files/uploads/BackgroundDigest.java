package org.fedimpute.files.uploads;

import java.io.InterruptedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;

/**
 * Computes a digest on a thread of its own, over copies of the bytes it is given, so that a second checksum of an
 * upload runs beside the first instead of after it. Its memory is a fixed handful of fixed-size chunks: when the
 * digest falls behind, {@link #update} waits for a chunk to come free.
 */
final class BackgroundDigest {

    private static final int CHUNK_BYTES = 256 * 1024;
    private static final int CHUNKS = 4;
    private static final Chunk END = new Chunk(new byte[0], 0);

    private final MessageDigest digest;
    private final BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(CHUNKS);
    private final BlockingQueue<Chunk> filled = new ArrayBlockingQueue<>(CHUNKS + 1);
    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private byte[] current;
    private int used;

    BackgroundDigest(String algorithm) {
        try {
            this.digest = MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is missing from this JVM", e);
        }
        for (int i = 0; i < CHUNKS; i++) {
            free.add(new byte[CHUNK_BYTES]);
        }
        Thread.ofVirtual().name("upload-" + algorithm).start(this::digestChunks);
    }

    void update(byte[] bytes, int offset, int length) throws InterruptedIOException {
        while (length > 0) {
            if (current == null) {
                current = take(free);
                used = 0;
            }
            int copied = Math.min(length, current.length - used);
            System.arraycopy(bytes, offset, current, used, copied);
            used += copied;
            offset += copied;
            length -= copied;
            if (used == current.length) {
                handOver();
            }
        }
    }

    /** The digest of everything given; waits for the digest thread to catch up. */
    byte[] digest() throws InterruptedIOException {
        if (current != null) {
            handOver();
        }
        filled.add(END);
        return result.join();
    }

    /** Stops the digest thread of an upload that did not finish; calling it after {@link #digest()} is harmless. */
    void abandon() {
        filled.clear();
        filled.offer(END);
    }

    private void handOver() throws InterruptedIOException {
        try {
            filled.put(new Chunk(current, used));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("Interrupted while checksumming");
        }
        current = null;
    }

    private void digestChunks() {
        try {
            for (Chunk chunk = filled.take(); chunk != END; chunk = filled.take()) {
                digest.update(chunk.bytes(), 0, chunk.length());
                free.put(chunk.bytes());
            }
            result.complete(digest.digest());
        } catch (InterruptedException e) {
            result.completeExceptionally(e);
        }
    }

    private static byte[] take(BlockingQueue<byte[]> queue) throws InterruptedIOException {
        try {
            return queue.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("Interrupted while checksumming");
        }
    }

    private record Chunk(byte[] bytes, int length) {}
}
