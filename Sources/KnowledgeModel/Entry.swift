/// A source an entry's facts can be checked against.
public struct SourceReference: Hashable, Sendable {
  public var title: String
  public var url: String?
  public var date: String?
  public var accessed: String?

  public init(title: String, url: String? = nil, date: String? = nil, accessed: String? = nil) {
    self.title = title
    self.url = url
    self.date = date
    self.accessed = accessed
  }
}

/// The value of a front-matter key the model has no special meaning for. Scalars keep the text the
/// author wrote (`NO`, `1.10`, `2019-10-20` stay text).
public enum FieldValue: Hashable, Sendable {
  case text(String)
  case list([String])

  /// Every value, a scalar being a list of one.
  public var values: [String] {
    switch self {
    case .text(let s): return [s]
    case .list(let l): return l
    }
  }
}

/// One knowledge entry: a principle, practice or lesson (or any kind a vocabulary adds).
public struct Entry: Hashable, Sendable {
  public var id: String
  public var title: String
  public var kind: String?
  public var summary: String?
  public var tags: [String]
  public var offices: [String]
  public var outcomes: [String]
  public var date: PartialDate?
  /// The date as written, kept for display even when it is not a valid date.
  public var dateText: String?
  public var sources: [SourceReference]
  public var related: [String]
  /// Other front-matter keys, lower-cased, in the order written.
  public var extra: [(key: String, value: FieldValue)] {
    get { extraKeys.map { ($0, extraValues[$0]!) } }
    set {
      extraKeys = newValue.map(\.key)
      extraValues = Dictionary(newValue.map { ($0.key, $0.value) }, uniquingKeysWith: { a, _ in a })
    }
  }
  public private(set) var extraKeys: [String] = []
  public private(set) var extraValues: [String: FieldValue] = [:]
  /// The Markdown after the front matter (read from the cache when first asked for, when the
  /// entry came from there).
  public var body: String {
    get { storedBody.text }
    set { storedBody = .text(newValue) }
  }
  var storedBody: EntryBody
  /// Whether the body is empty or only white space (known even when the body was not kept).
  public var bodyIsBlank: Bool {
    if case .omitted(let blank) = storedBody { return blank }
    return body.allSatisfy(\.isWhitespace)
  }
  /// Path of the file relative to the knowledge base root.
  public var path: String
  /// Where each front-matter key, and each value of a list key, was written, for diagnostics
  /// (kept only by a load without cache that asks for them; `check` reads the file of an entry
  /// with a problem again instead, `KnowledgeBase.places(of:)`).
  public var places = EntryPlaces()
  /// Where the body begins.
  public var bodyLocation: SourceLocation

  public init(
    id: String, title: String, kind: String? = nil, summary: String? = nil, tags: [String] = [],
    offices: [String] = [], outcomes: [String] = [], date: PartialDate? = nil,
    dateText: String? = nil, sources: [SourceReference] = [], related: [String] = [],
    extra: [(key: String, value: FieldValue)] = [], body: String = "", path: String = "",
    bodyLocation: SourceLocation? = nil
  ) {
    self.id = id
    self.title = title
    self.kind = kind
    self.summary = summary
    self.tags = tags
    self.offices = offices
    self.outcomes = outcomes
    self.date = date
    self.dateText = dateText ?? date?.description
    self.sources = sources
    self.related = related
    self.storedBody = .text(body)
    self.path = path
    self.bodyLocation = bodyLocation ?? SourceLocation(path: path)
    self.extra = extra
  }

  public static func == (a: Entry, b: Entry) -> Bool {
    a.id == b.id && a.title == b.title && a.kind == b.kind && a.summary == b.summary
      && a.tags == b.tags && a.offices == b.offices && a.outcomes == b.outcomes
      && a.date == b.date && a.dateText == b.dateText && a.sources == b.sources
      && a.related == b.related && a.extraKeys == b.extraKeys && a.extraValues == b.extraValues
      && a.body == b.body && a.path == b.path
  }

  public func hash(into hasher: inout Hasher) {
    hasher.combine(id)
    hasher.combine(path)
  }

}
