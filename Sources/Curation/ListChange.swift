import KnowledgeModel

/// A front-matter list field that `tag` changes.
public enum ListField: String, Sendable, CaseIterable {
  case tags, offices, outcomes, related

  /// The field a change names (`office:`, `offices:`), or nil.
  public static func named(_ name: String) -> ListField? {
    let lower = name.lowercased()
    return allCases.first { $0.rawValue == lower || $0.singular == lower }
  }

  public var singular: String { rawValue == "related" ? rawValue : String(rawValue.dropLast()) }

  /// The vocabulary facet behind the field (`related` has none: its values are entry ids).
  public var facet: Facet? {
    switch self {
    case .tags: return .tag
    case .offices: return .office
    case .outcomes: return .outcome
    case .related: return nil
    }
  }

  /// The entry's values of this field.
  public func values(of entry: Entry) -> [String] {
    switch self {
    case .tags: return entry.tags
    case .offices: return entry.offices
    case .outcomes: return entry.outcomes
    case .related: return entry.related
    }
  }

  func set(_ values: [String], in entry: inout Entry) {
    switch self {
    case .tags: entry.tags = values
    case .offices: entry.offices = values
    case .outcomes: entry.outcomes = values
    case .related: entry.related = values
    }
  }
}

/// One change `tag` makes: `+VALUE` / `-VALUE` for tags, `+office:VALUE`, `-outcome:VALUE`,
/// `+related:ID` for the other list fields.
public struct ListChange: Sendable, Equatable, CustomStringConvertible {
  public var add: Bool
  public var field: ListField
  public var value: String

  public init(add: Bool, field: ListField, value: String) {
    self.add = add
    self.field = field
    self.value = value
  }

  public var description: String {
    (add ? "+" : "-") + (field == .tags ? "" : field.singular + ":") + value
  }

  /// Reads one change as typed.
  public static func parse(_ word: String) throws(CurationError) -> ListChange {
    guard let sign = word.first, sign == "+" || sign == "-" else {
      throw .usage(
        "expected a change such as '+tag', '-tag' or '+office:value', not '\(word)'"
          + " (put the query after '--')")
    }
    var rest = Substring(word.dropFirst())
    var field = ListField.tags
    if let colon = rest.firstIndex(of: ":") {
      let name = String(rest[..<colon])
      guard let named = ListField.named(name) else {
        let names = ListField.allCases.flatMap { [$0.singular, $0.rawValue] }
        throw .usage(
          "cannot change '\(name)': only tags, offices, outcomes and related are lists"
            + Suggestion.didYouMean(name, in: names))
      }
      field = named
      rest = rest[rest.index(after: colon)...]
    }
    let value = String(rest).trimmed
    if value.isEmpty { throw .usage("expected a value after '\(word)'") }
    return ListChange(add: sign == "+", field: field, value: value)
  }

  /// The change with its value as the vocabulary spells it (an alias becomes its value); a
  /// value the vocabulary does not have, or an id no entry has, is refused with a suggestion.
  /// Without a vocabulary, any slug is accepted.
  public func validated(vocabulary: Vocabulary?, ids: some Collection<String>) throws(CurationError)
    -> ListChange
  {
    var change = self
    guard let facet = field.facet else {
      guard add else { return change }
      if !ids.contains(value) {
        throw .refused("no entry has id '\(value)'" + Suggestion.didYouMean(value, in: ids))
      }
      return change
    }
    if let vocabulary {
      guard let canonical = vocabulary.resolve(value, in: facet) ?? bySegment(vocabulary, facet)
      else {
        // A value the vocabulary lacks may still be in files: removing it is allowed.
        if !add { return change }
        throw .refused(
          "\(facet.singular) '\(value)' is not in the vocabulary"
            + Self.suggestion(value, vocabulary.names(in: facet)))
      }
      change.value = canonical
    } else if !Slug.isValid(value, allowPath: true) {
      throw .refused(
        "\(facet.singular) '\(value)' is not a slug (lower-case letters, digits and hyphens)")
    }
    return change
  }
}

extension ListChange {
  /// The one vocabulary path whose last segment is the value (`lancaster` for
  /// `la-dcfs/regional/lancaster`), as queries read `office:lancaster`.
  func bySegment(_ vocabulary: Vocabulary, _ facet: Facet) -> String? {
    guard facet.isHierarchical, !value.contains("/") else { return nil }
    let lower = value.lowercased()
    let found = (vocabulary.terms[facet] ?? []).filter {
      $0.value.split(separator: "/").last.map { $0.lowercased() == lower } == true
    }
    return found.count == 1 ? found[0].value : nil
  }

  /// `; did you mean 'X'?` over the values and, for paths, their last segments (`lancastr`
  /// suggests `la-dcfs/regional/lancaster`).
  static func suggestion(_ value: String, _ names: [String]) -> String {
    var bySegment: [String: String] = [:]
    for name in names {
      if let last = name.split(separator: "/").last, bySegment[String(last)] == nil {
        bySegment[String(last)] = name
      }
    }
    guard let near = Suggestion.nearest(value, in: names + bySegment.keys.sorted()).first else {
      return ""
    }
    return "; did you mean '\(names.contains(near) ? near : bySegment[near] ?? near)'?"
  }
}

/// Why a curating command did nothing, or not all it was asked to.
public enum CurationError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The command was written wrongly.
  case usage(String)
  /// A value or a file the command will not touch.
  case refused(String)

  public var description: String {
    switch self {
    case .usage(let m), .refused(let m): return m
    }
  }
}
