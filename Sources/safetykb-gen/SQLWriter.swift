/// The same entries as an SQLite database script: an FTS5 table (`porter unicode61`, with prefix
/// indexes) over title, summary and body, and indexed tables for tags, offices (every ancestor
/// path) and outcomes (every ancestor path).
enum SQLWriter {
  static let schema = """
    PRAGMA journal_mode=OFF;
    PRAGMA synchronous=OFF;
    BEGIN;
    CREATE TABLE entries(
      n INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, kind TEXT NOT NULL, date TEXT,
      title TEXT NOT NULL, summary TEXT, body TEXT, industry TEXT, valence TEXT);
    CREATE TABLE entry_tags(tag TEXT NOT NULL, entry INTEGER NOT NULL,
      PRIMARY KEY(tag, entry)) WITHOUT ROWID;
    CREATE TABLE entry_offices(path TEXT NOT NULL, entry INTEGER NOT NULL, written INTEGER NOT NULL,
      PRIMARY KEY(path, entry)) WITHOUT ROWID;
    CREATE TABLE entry_outcomes(path TEXT NOT NULL, entry INTEGER NOT NULL, written INTEGER NOT NULL,
      PRIMARY KEY(path, entry)) WITHOUT ROWID;
    CREATE VIRTUAL TABLE entry_text USING fts5(title, summary, body, content='entries',
      content_rowid='n', tokenize='porter unicode61', prefix='2 3');

    """

  static let finish = """
    INSERT INTO entry_text(entry_text) VALUES('rebuild');
    CREATE INDEX entries_kind ON entries(kind, n);
    CREATE INDEX entries_title ON entries(title COLLATE NOCASE, id);
    CREATE INDEX entries_date ON entries(date);
    CREATE INDEX entry_tags_entry ON entry_tags(entry, tag);
    CREATE INDEX entry_offices_entry ON entry_offices(entry, path);
    CREATE INDEX entry_outcomes_entry ON entry_outcomes(entry, path);
    COMMIT;
    ANALYZE;

    """

  static func inserts(_ e: SyntheticEntry) -> String {
    var out = "INSERT INTO entries VALUES(\(e.number),\(q(e.id)),\(q(e.kind)),\(q(e.date)),"
    out += "\(q(e.title)),\(q(e.summary)),\(q(e.body)),\(q(e.industry)),"
    out += (e.valence.map(q) ?? "NULL") + ");\n"
    for tag in e.tags { out += "INSERT INTO entry_tags VALUES(\(q(tag)),\(e.number));\n" }
    out += paths("entry_offices", e.offices, e.number)
    out += paths("entry_outcomes", e.outcomes, e.number)
    return out
  }

  /// One row for each written path and each of its ancestors (once per entry).
  static func paths(_ table: String, _ values: [String], _ entry: Int) -> String {
    var rows: [String: Int] = [:]
    var order: [String] = []
    for value in values {
      var path = ""
      for segment in value.split(separator: "/") {
        path = path.isEmpty ? String(segment) : path + "/" + segment
        if rows[path] == nil { order.append(path) }
        rows[path] = max(rows[path] ?? 0, path == value ? 1 : 0)
      }
    }
    return order.map { "INSERT INTO \(table) VALUES(\(q($0)),\(entry),\(rows[$0]!));\n" }.joined()
  }

  static func q(_ text: String) -> String {
    "'" + text.split(separator: "'", omittingEmptySubsequences: false).joined(separator: "''")
      + "'"
  }
}
