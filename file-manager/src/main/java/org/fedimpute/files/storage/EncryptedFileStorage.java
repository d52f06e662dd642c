package org.fedimpute.files.storage;

import java.io.IOException;
import java.io.InputStream;

/**
 * Encryption at rest over any backend: content is stored as AES-256-GCM in independently authenticated 64 KiB
 * segments ({@link EncryptedFileFormat}), so that the backend (a disk, a bucket, a backup of either) never holds plain
 * genotype data, and a ranged read fetches and decrypts only the segments the range touches. Anything the key did not
 * seal, or sealed differently, fails with an IOException instead of yielding plain bytes.
 */
final class EncryptedFileStorage implements FileStorage {

    private final FileStorage backend;
    private final EncryptedFileFormat format;

    EncryptedFileStorage(FileStorage backend, byte[] key) {
        this.backend = backend;
        this.format = new EncryptedFileFormat(key);
    }

    @Override
    public long write(String key, InputStream content) throws IOException {
        EncryptingInputStream sealed = new EncryptingInputStream(content, format.newFile(StorageKey.require(key)), key);
        backend.write(key, sealed);
        return sealed.plainBytes();
    }

    @Override
    public InputStream read(String key, long offset, long length) throws IOException {
        StorageKey.requireRange(offset, length);
        long storedSize = backend.size(key);
        EncryptedFileFormat.Layout layout = EncryptedFileFormat.layout(storedSize, key);
        long size = layout.plaintextSize();
        // An empty file is still read (and so authenticated) when asked for whole.
        if (length == 0 || offset >= Math.max(size, 1)) {
            return InputStream.nullInputStream();
        }
        long end = length < 0 || length > size - offset ? size : offset + length;
        long firstSegment = offset / EncryptedFileFormat.SEGMENT_BYTES;
        long lastSegment = end == 0 ? 0 : (end - 1) / EncryptedFileFormat.SEGMENT_BYTES;
        SegmentCipher cipher = format.existingFile(header(key), key);
        long from = EncryptedFileFormat.HEADER_BYTES + firstSegment * EncryptedFileFormat.SEALED_SEGMENT_BYTES;
        long to = Math.min(
                storedSize,
                EncryptedFileFormat.HEADER_BYTES + (lastSegment + 1) * EncryptedFileFormat.SEALED_SEGMENT_BYTES);
        return new DecryptingInputStream(
                backend.read(key, from, to - from),
                cipher,
                layout,
                firstSegment,
                (int) (offset - firstSegment * EncryptedFileFormat.SEGMENT_BYTES),
                end - offset,
                key);
    }

    private byte[] header(String key) throws IOException {
        try (InputStream in = backend.read(key, 0, EncryptedFileFormat.HEADER_BYTES)) {
            return in.readNBytes(EncryptedFileFormat.HEADER_BYTES);
        }
    }

    @Override
    public long size(String key) throws IOException {
        return EncryptedFileFormat.layout(backend.size(key), key).plaintextSize();
    }

    @Override
    public boolean exists(String key) throws IOException {
        return backend.exists(key);
    }

    @Override
    public void delete(String key) throws IOException {
        backend.delete(key);
    }
}
