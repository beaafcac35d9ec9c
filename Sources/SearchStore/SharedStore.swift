/// The knowledge base's shared store (`<knowledge base>/searches.yaml`). The program only reads it.
public struct SharedStore: Sendable, Equatable {
  public let path: String

  public init(path: String) {
    self.path = path
  }

  /// The shared store of the knowledge base in `folder`.
  public init(knowledgeBase folder: String) {
    self.path = folder.hasSuffix("/") ? folder + "searches.yaml" : folder + "/searches.yaml"
  }

  /// The searches it holds and the problems found. A file that cannot be parsed gives no searches
  /// and one fatal problem; a missing file gives neither.
  public func load() -> (searches: [SavedSearch], problems: [StoreProblem]) {
    StoreFile.load(path)
  }
}
