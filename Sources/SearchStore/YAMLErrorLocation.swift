import Yams

/// Turns a Yams error into a located, fatal store problem.
enum YAMLErrorLocation {
  static func problem(for error: any Error, path: String) -> StoreProblem {
    func at(_ mark: Mark?, _ message: String) -> StoreProblem {
      StoreProblem(
        path: path, line: mark?.line ?? 1, column: mark?.column ?? 1, message: message,
        isFatal: true)
    }
    guard let error = error as? YamlError else { return at(nil, "invalid YAML") }
    switch error {
    case .scanner(let context, let problem, let mark, _),
      .parser(let context, let problem, let mark, _),
      .composer(let context, let problem, let mark, _):
      let detail = [problem, context?.text].compactMap { $0 }.filter { !$0.isEmpty }
      return at(mark, "invalid YAML: " + detail.joined(separator: " "))
    case .duplicatedKeysInMapping(let duplicates, let context):
      let names = duplicates.map { "'\($0)'" }.joined(separator: ", ")
      return at(context.mark, "duplicate key \(names)")
    case .reader(let problem, _, _, _):
      return at(nil, "invalid YAML: \(problem)")
    default:
      return at(nil, "invalid YAML")
    }
  }
}
