package io.newslens.ingest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PushbackInputStream;
import java.io.SequenceInputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;

/** {@code .json}: a top-level array of objects, one object, or JSON Lines under a .json name. */
final class JsonReader extends JsonLinesReader {
  private JsonParser jsonArray;
  private boolean jsonLinesMode;

  JsonReader(String path, Opener opener, IngestParams params) {
    super(path, InputFormat.JSON, opener, params);
  }

  @Override
  protected void advance() throws IOException {
    if (jsonArray == null && !jsonLinesMode) {
      PushbackInputStream pb = new PushbackInputStream(in, 8);
      in = pb;
      int c;
      int skipped = 0;
      do {
        c = pb.read();
        skipped++;
      } while (c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == 0xEF || c == 0xBB || c == 0xBF);
      if (c == -1) {
        done = true;
        if (skipped <= 1) {
          reject(0, RawRecord.EMPTY_FILE, "file is empty", null);
        } else {
          reject(0, RawRecord.EMPTY_TEXT, "file holds only white space", null);
        }
        return;
      }
      pb.unread(c);
      if (c == '[') {
        jsonArray = JsonRecords.mapper(params.maxRecordBytes()).getFactory().createParser(in);
        jsonArray.nextToken(); // START_ARRAY
      } else {
        // One object per file (pretty-printed or not) when the whole file is one JSON value, else JSON Lines.
        byte[] head = Bytes.readAtMost(in, params.maxRecordBytes() + 1L);
        if (head.length <= params.maxRecordBytes() && readSingleObject(head)) return;
        in = new SequenceInputStream(new ByteArrayInputStream(head), in);
        jsonLinesMode = true;
      }
    }
    if (jsonLinesMode) {
      readJsonLine();
      return;
    }
    JsonToken t;
    try {
      t = jsonArray.nextToken();
    } catch (IOException e) {
      fail(RawRecord.MALFORMED_JSON, "malformed JSON array after " + recordNumber + " element(s): "
          + Bytes.firstLine(e.getMessage()));
      return;
    }
    if (t == null || t == JsonToken.END_ARRAY) {
      done = true;
      return;
    }
    recordNumber++;
    try {
      JsonNode node = JsonRecords.mapper(params.maxRecordBytes()).readTree(jsonArray);
      emit(JsonRecords.mapNode(node, node == null ? null : node.toString(), path, "json", recordNumber, mapping));
    } catch (StreamConstraintsException e) {
      // The parser cannot resynchronise inside an over-long value: the rest of the file is reported with it.
      fail(RawRecord.TOO_LARGE, "JSON array element " + recordNumber + " has a value longer than --max-record-bytes="
          + params.maxRecordBytes() + "; the rest of the file was not read");
    } catch (IOException e) {
      fail(RawRecord.MALFORMED_JSON, "malformed JSON array element " + recordNumber + ": "
          + Bytes.firstLine(e.getMessage()));
    }
  }

  /** True (and the record queued) when the bytes are exactly one JSON object; the file is then read. */
  private boolean readSingleObject(byte[] bytes) {
    String s;
    try {
      s = Bytes.stripBom(Bytes.strictDecode(bytes, StandardCharsets.UTF_8));
    } catch (CharacterCodingException e) {
      return false;
    }
    var mapper = JsonRecords.mapper(params.maxRecordBytes());
    try (JsonParser p = mapper.getFactory().createParser(s)) {
      JsonNode node = mapper.readTree(p);
      if (node == null || !node.isObject() || p.nextToken() != null) return false;
      recordNumber = 1;
      emit(JsonRecords.mapNode(node, s, path, "json", recordNumber, mapping));
      done = true;
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
