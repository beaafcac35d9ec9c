/// A unified diff (`diff -u`) of two versions of a file, for `tag --dry-run`. Line ends are part
/// of a line, so a change of line end shows; they are not printed.
public enum UnifiedDiff {
  enum Op: Equatable {
    case same(Int, Int)
    case removed(Int)
    case added(Int)
  }

  /// The diff with `--- a/PATH` and `+++ b/PATH` headers, or an empty string when the versions
  /// are the same.
  public static func diff(_ old: [UInt8], _ new: [UInt8], path: String, context: Int = 3)
    -> String
  {
    let a = SourceLines(old).lines
    let b = SourceLines(new).lines
    let ops = script(a, b)
    guard ops.contains(where: { if case .same = $0 { return false } else { return true } }) else {
      return ""
    }
    var out = "--- a/\(path)\n+++ b/\(path)\n"
    // Lines of each side before each operation.
    var consumed: [(Int, Int)] = []
    var position = (0, 0)
    for op in ops {
      consumed.append(position)
      switch op {
      case .same: position = (position.0 + 1, position.1 + 1)
      case .removed: position.0 += 1
      case .added: position.1 += 1
      }
    }
    var i = 0
    while i < ops.count {
      guard let change = ops[i...].firstIndex(where: { !isSame($0) }) else { break }
      var start = max(i, change - context)
      if start < i { start = i }
      var end = change
      // Extend the hunk while the next change is within two contexts.
      while true {
        guard let nextSame = ops[end...].firstIndex(where: isSame) else {
          end = ops.count
          break
        }
        let nextChange = ops[nextSame...].firstIndex { !isSame($0) }
        if let nextChange, nextChange - nextSame <= 2 * context {
          end = nextChange
          continue
        }
        end = min(ops.count, nextSame + context)
        break
      }
      out += hunk(ops[start..<end], before: consumed[start], a, b)
      i = end
    }
    return out
  }

  static func isSame(_ op: Op) -> Bool {
    if case .same = op { return true }
    return false
  }

  static func hunk(
    _ ops: ArraySlice<Op>, before: (Int, Int), _ a: [SourceLines.Line], _ b: [SourceLines.Line]
  ) -> String {
    var oldCount = 0
    var newCount = 0
    var body = ""
    func line(_ mark: String, _ l: SourceLines.Line) {
      body += mark + l.text + "\n"
      if l.end.isEmpty { body += "\\ No newline at end of file\n" }
    }
    for op in ops {
      switch op {
      case .same(let i, _):
        oldCount += 1
        newCount += 1
        line(" ", a[i])
      case .removed(let i):
        oldCount += 1
        line("-", a[i])
      case .added(let j):
        newCount += 1
        line("+", b[j])
      }
    }
    // Lines before the hunk on each side; an empty side is numbered by the line before it.
    let (oldBefore, newBefore) = before
    let oldFirst = oldCount == 0 ? oldBefore : oldBefore + 1
    let newFirst = newCount == 0 ? newBefore : newBefore + 1
    return "@@ -\(oldFirst),\(oldCount) +\(newFirst),\(newCount) @@\n" + body
  }

  /// The edit script: common lines at both ends, the middle by longest common subsequence (a
  /// front-matter edit keeps the middle small; a huge one is shown as replaced whole).
  static func script(_ a: [SourceLines.Line], _ b: [SourceLines.Line]) -> [Op] {
    var prefix = 0
    while prefix < a.count, prefix < b.count, a[prefix] == b[prefix] { prefix += 1 }
    var suffix = 0
    while suffix < a.count - prefix, suffix < b.count - prefix,
      a[a.count - 1 - suffix] == b[b.count - 1 - suffix]
    {
      suffix += 1
    }
    var ops = (0..<prefix).map { Op.same($0, $0) }
    let ma = Array(prefix..<a.count - suffix)
    let mb = Array(prefix..<b.count - suffix)
    if ma.count * mb.count > 4_000_000 {
      ops += ma.map(Op.removed) + mb.map(Op.added)
    } else {
      // lengths[i][j]: the LCS of ma[i...] and mb[j...].
      var lengths = [[Int]](
        repeating: [Int](repeating: 0, count: mb.count + 1), count: ma.count + 1)
      for i in stride(from: ma.count - 1, through: 0, by: -1) {
        for j in stride(from: mb.count - 1, through: 0, by: -1) {
          lengths[i][j] =
            a[ma[i]] == b[mb[j]]
            ? lengths[i + 1][j + 1] + 1 : max(lengths[i + 1][j], lengths[i][j + 1])
        }
      }
      var i = 0
      var j = 0
      while i < ma.count || j < mb.count {
        if i < ma.count, j < mb.count, a[ma[i]] == b[mb[j]] {
          ops.append(.same(ma[i], mb[j]))
          i += 1
          j += 1
        } else if i < ma.count, j == mb.count || lengths[i + 1][j] >= lengths[i][j + 1] {
          ops.append(.removed(ma[i]))
          i += 1
        } else {
          ops.append(.added(mb[j]))
          j += 1
        }
      }
    }
    let offsetA = a.count - suffix
    let offsetB = b.count - suffix
    ops += (0..<suffix).map { Op.same(offsetA + $0, offsetB + $0) }
    return ops
  }
}
