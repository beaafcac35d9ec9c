import CacheFormat
import KnowledgeModel

/// `tag` in two steps: a plan (every file's new bytes, computed and checked, nothing written),
/// then the writes. A file that changed since the knowledge base was loaded, or between the plan
/// and the write, is refused: never merged blind.
public enum Retagger {
  /// One file to rewrite: its bytes as planned from, and as they will be.
  public struct Edit: Sendable {
    public var path: String
    public var original: [UInt8]
    public var edited: [UInt8]

    public var diff: String { UnifiedDiff.diff(original, edited, path: path) }
  }

  /// A file left alone, and why.
  public struct Refusal: Sendable, Equatable {
    public var path: String
    public var reason: String

    public init(path: String, reason: String) {
      self.path = path
      self.reason = reason
    }
  }

  public struct Plan: Sendable {
    public var edits: [Edit] = []
    public var refused: [Refusal] = []
    /// Files the changes leave as they are (they already say so).
    public var unchanged = 0
  }

  /// A file to change: its path (as shown, and usable to open it) and the content hash it had
  /// when it was loaded (nil: not known, not compared).
  public struct Target: Sendable {
    public var path: String
    public var loadedHash: UInt64?

    public init(path: String, loadedHash: UInt64?) {
      self.path = path
      self.loadedHash = loadedHash
    }
  }

  public static func plan(_ changes: [ListChange], for targets: [Target], vocabulary: Vocabulary?)
    -> Plan
  {
    var plan = Plan()
    for target in targets {
      guard let bytes = AtomicFile.read(target.path) else {
        plan.refused.append(Refusal(path: target.path, reason: "cannot read the file"))
        continue
      }
      if let hash = target.loadedHash, Checksum.of(bytes) != hash {
        plan.refused.append(
          Refusal(path: target.path, reason: "changed since it was loaded; run the command again"))
        continue
      }
      do {
        if let edited = try FrontMatterEditor.apply(changes, to: bytes, vocabulary: vocabulary) {
          plan.edits.append(Edit(path: target.path, original: bytes, edited: edited))
        } else {
          plan.unchanged += 1
        }
      } catch {
        plan.refused.append(Refusal(path: target.path, reason: error.description))
      }
    }
    return plan
  }

  /// Writes each planned file whose content is still what the plan was made from.
  public static func apply(_ edits: [Edit]) -> (written: [String], refused: [Refusal]) {
    var written: [String] = []
    var refused: [Refusal] = []
    for edit in edits {
      guard AtomicFile.read(edit.path) == edit.original else {
        refused.append(
          Refusal(
            path: edit.path,
            reason: "changed after the query ran; not written (run the command again)"))
        continue
      }
      do {
        try AtomicFile.write(edit.edited, to: edit.path)
        written.append(edit.path)
      } catch {
        refused.append(Refusal(path: edit.path, reason: error.description))
      }
    }
    return (written, refused)
  }
}
