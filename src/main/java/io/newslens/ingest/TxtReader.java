package io.newslens.ingest;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code .txt}: one article per file. The first non-empty lines give the title ({@link Text#txtTitle}) and a line
 * holding only a date the publication date; UTF-8, or windows-1252 when the bytes are not UTF-8.
 */
final class TxtReader extends StreamReader {
  private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

  TxtReader(String path, Opener opener, IngestParams params) {
    super(path, InputFormat.TXT, opener, params);
  }

  @Override
  protected void advance() throws IOException {
    byte[] bytes = wholeFile();
    if (bytes == null) return;
    if (Bytes.looksBinary(bytes)) {
      reject(1, RawRecord.BINARY_FILE, "file holds binary data (NUL or control bytes), not text", null);
      return;
    }
    String encoding = "UTF-8";
    String content;
    try {
      content = Bytes.strictDecode(bytes, StandardCharsets.UTF_8);
    } catch (CharacterCodingException e) {
      // Legacy single-byte text is common in old archives: accept windows-1252 when it decodes cleanly.
      try {
        content = Bytes.strictDecode(bytes, WINDOWS_1252);
        encoding = "windows-1252";
      } catch (CharacterCodingException e2) {
        reject(1, RawRecord.INVALID_UTF8, "not valid UTF-8 (nor windows-1252) text", null);
        return;
      }
    }
    content = Text.normalizeNewlines(Bytes.stripBom(content));
    if (content.isBlank()) {
      reject(1, RawRecord.EMPTY_TEXT, "file holds only white space", null);
      return;
    }
    String date = null;
    List<String> head = new ArrayList<>();
    for (String line : content.split("\n", 60)) {
      if (line.isBlank()) continue;
      if (!head.isEmpty() && date == null && Dates.isDateLine(line)) date = line.strip();
      head.add(line);
      if (head.size() >= Text.TITLE_LINES) break;
    }
    String title = Text.txtTitle(head);
    String name = Text.fileName(path);
    String source = mapping.defaultSource() != null ? mapping.defaultSource() : Text.fileStem(path);
    emit(new RawRecord(path, "txt", 1, name, source, null, title, date, content, encoding, Map.of(), null,
        null, null));
  }
}
