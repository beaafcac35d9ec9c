import Dispatch
import Foundation

/// `safetykb-gen --entries N --out DIR [--seed S] [--sql FILE]`: writes a deterministic synthetic
/// knowledge base of N entries to DIR (which must not exist or be empty), with `vocabulary.yaml`,
/// and `bench-mix.tsv` (the benchmark's queries in both languages). With `--sql`, also writes an
/// SQL script that builds the same entries as an SQLite database (pipe it to `sqlite3 DB`).
@main
enum Main {
  static func main() {
    let options: Options
    do {
      options = try Options(Array(CommandLine.arguments.dropFirst()))
    } catch {
      FileHandle.standardError.write(
        Data("safetykb-gen: \(error.message)\n\(Options.usage)\n".utf8))
      exit(2)
    }
    do {
      try generate(options)
    } catch {
      FileHandle.standardError.write(Data("safetykb-gen: \(error)\n".utf8))
      exit(1)
    }
  }

  static func generate(_ options: Options) throws {
    let fm = FileManager.default
    let vocabulary = SyntheticVocabulary()
    try fm.createDirectory(atPath: options.out, withIntermediateDirectories: true)
    for kind in SyntheticVocabulary.kinds {
      try fm.createDirectory(
        atPath: options.out + "/" + kind + "s", withIntermediateDirectories: true)
    }
    try OutputFile.write(options.out + "/vocabulary.yaml", vocabulary.yaml)
    try OutputFile.write(options.out + "/bench-mix.tsv", BenchmarkMix.tsv(vocabulary))
    let sql = try options.sql.map { try OutputFile(path: $0) }
    sql?.write(SQLWriter.schema)
    let maker = EntryMaker(seed: options.seed, vocabulary: vocabulary)
    let chunk = 2_000
    for start in stride(from: 0, to: options.entries, by: chunk) {
      let count = min(chunk, options.entries - start)
      let statements = Slots<String>(count: count)
      let wantSQL = sql != nil
      DispatchQueue.concurrentPerform(iterations: count) { k in
        let entry = maker.entry(start + k)
        try? OutputFile.write(options.out + "/" + entry.path, entry.markdown)
        if wantSQL { statements.set(k, SQLWriter.inserts(entry)) }
      }
      if let sql { for s in statements.values { sql.write(s) } }
    }
    sql?.write(SQLWriter.finish)
    try sql?.close()
  }
}

/// Results written by concurrent iterations, one slot each.
final class Slots<T>: @unchecked Sendable {
  private var storage: [T?]
  private let lock = NSLock()

  init(count: Int) { storage = Array(repeating: nil, count: count) }

  func set(_ index: Int, _ value: T) {
    lock.lock()
    storage[index] = value
    lock.unlock()
  }

  var values: [T] { storage.compactMap { $0 } }
}
