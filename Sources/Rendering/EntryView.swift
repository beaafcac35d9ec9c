/// Finds the words to highlight in a line of text: the places (character offsets) that the last
/// query's words match. The query engine makes one; rendering only applies it.
public struct Highlighter: Sendable {
  public let marks: @Sendable (String) -> [Range<Int>]

  public init(_ marks: @escaping @Sendable (String) -> [Range<Int>]) {
    self.marks = marks
  }
}

/// Everything `show` prints about one entry, as plain values.
public struct EntryView: Hashable, Sendable {
  public struct Source: Hashable, Sendable {
    public var title: String
    public var url: String?
    public var date: String?
    public var accessed: String?

    public init(title: String, url: String?, date: String? = nil, accessed: String? = nil) {
      self.title = title
      self.url = url
      self.date = date
      self.accessed = accessed
    }
  }

  public struct Related: Hashable, Sendable {
    public var id: String
    /// Nil when no entry has that id.
    public var title: String?

    public init(id: String, title: String?) {
      self.id = id
      self.title = title
    }
  }

  public var id: String
  public var title: String
  /// Metadata in display order: `kind`, `date`, `tags`, `offices`, `outcomes`, then other keys.
  public var fields: [(name: String, value: Cell)]
  public var summary: String?
  /// The Markdown body.
  public var body: String
  public var sources: [Source]
  public var related: [Related]
  /// The entries most like this one, found by likeness (not curated): shown apart from `related`.
  public var similar: [Related] = []
  /// The file the entry came from.
  public var path: String
  /// When set, the text view highlights these words on a colour terminal (`.show ID` after a
  /// query). Not part of the view's value: two views of one entry are equal with or without.
  public var highlighter: Highlighter?

  public init(
    id: String, title: String, fields: [(name: String, value: Cell)], summary: String?,
    body: String,
    sources: [Source], related: [Related], similar: [Related] = [], path: String
  ) {
    self.id = id
    self.title = title
    self.fields = fields
    self.summary = summary
    self.body = body
    self.sources = sources
    self.related = related
    self.similar = similar
    self.path = path
  }

  public static func == (a: EntryView, b: EntryView) -> Bool {
    a.id == b.id && a.title == b.title && a.summary == b.summary && a.body == b.body
      && a.sources == b.sources && a.related == b.related && a.similar == b.similar
      && a.path == b.path
      && a.fields.map(\.name) == b.fields.map(\.name)
      && a.fields.map(\.value) == b.fields.map(\.value)
  }

  public func hash(into hasher: inout Hasher) {
    hasher.combine(id)
  }
}
