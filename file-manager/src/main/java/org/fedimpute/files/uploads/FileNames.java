package org.fedimpute.files.uploads;

import java.util.regex.Pattern;
import org.fedimpute.files.records.FileKind;
import org.fedimpute.platform.web.Problems;

/**
 * Turns the name a client gave a file into a safe display name, or refuses it: no path that climbs ({@code ..}) or
 * starts at a root, no directories, no control or invisible formatting characters, and an allowed extension. The
 * name is only ever shown and offered for download; storage keys are generated apart from it.
 */
final class FileNames {

    static final int MAX_LENGTH = 255;

    private static final Pattern WINDOWS_DRIVE = Pattern.compile("^[A-Za-z]:.*");

    private FileNames() {}

    /**
     * The safe display name and its format.
     *
     * @param field the request field the name came in, named in a refusal
     */
    static NamedFile check(String raw, FileKind kind, String field) {
        if (raw == null || raw.isBlank()) {
            throw Problems.invalidField(field, "needs a file name");
        }
        String path = raw.replace('\\', '/');
        if (path.startsWith("/") || WINDOWS_DRIVE.matcher(path).matches()) {
            throw Problems.invalidField(field, "must be a file name, not an absolute path");
        }
        for (String segment : path.split("/")) {
            if (segment.strip().equals("..")) {
                throw Problems.invalidField(field, "must not point outside its directory ('..')");
            }
        }
        String name =
                visibleCharacters(path.substring(path.lastIndexOf('/') + 1)).strip();
        if (name.isEmpty() || name.equals(".")) {
            throw Problems.invalidField(field, "needs a file name");
        }
        if (name.length() > MAX_LENGTH) {
            throw Problems.invalidField(field, "must be at most " + MAX_LENGTH + " characters long");
        }
        FileFormat format = FileFormat.of(name, kind)
                .orElseThrow(() -> Problems.invalidField(
                        field, "must be one of these kinds of file: " + FileFormat.allowedExtensions(kind)));
        return new NamedFile(name, format);
    }

    private static String visibleCharacters(String name) {
        StringBuilder visible = new StringBuilder(name.length());
        name.codePoints()
                .filter(c -> !Character.isISOControl(c) && Character.getType(c) != Character.FORMAT)
                .forEach(visible::appendCodePoint);
        return visible.toString();
    }

    /** A checked display name and the format its extension names. */
    record NamedFile(String name, FileFormat format) {}
}
