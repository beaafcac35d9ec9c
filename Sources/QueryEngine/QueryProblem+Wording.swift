import KnowledgeModel

extension QueryProblem {
  /// The message: lower case, the user's text in single quotes, `expected X after Y`, and
  /// `did you mean 'Z'?` where something close is known. Every word of every query error is here.
  public var message: String {
    switch self {
    case .tooLong(let length, let limit):
      return "query is \(length) characters long; the limit is \(limit)"
    case .tooDeep(let limit): return "query is nested more than \(limit) levels deep"
    case .unterminatedPhrase: return "unterminated phrase: no closing '\"' for this one"
    case .missingFieldName: return "expected a field name before ':'"
    case .missingValue(let field): return "expected a value after '\(field):'"
    case .termExpected: return "expected a term"
    case .termExpectedAfter(let word): return "expected a term after '\(word)'"
    case .termExpectedBefore(let word): return "expected a term before '\(word)'"
    case .unclosedParenthesis: return "expected ')' to close this '('"
    case .unopenedParenthesis(let word): return "unexpected '\(word)': no '(' to close"
    case .detachedMinus: return "expected a term right after '-' (write '-tag:x', with no space)"
    case .rangeWithoutBound: return "a range needs at least one bound, as in '2019..2021'"
    case .starInsideBareWord(let word):
      return "'*' may only end a word, as in 'incid*'; '\(word)' has one inside (a value such as"
        + " 'tag:*culture' may have them anywhere)"
    case .parameterOutsideSavedSearch(let word):
      return "'\(word)' is a parameter; parameters are only allowed in a saved search"

    case .missingSavedSearchName: return "expected a saved search name after '@'"
    case .unclosedArguments(let name): return "expected ')' to close the arguments of '@\(name)'"
    case .expectedArgumentSeparator(let name):
      return "expected ',' or ')' after an argument of '@\(name)'"
    case .missingArgumentValue(let name): return "expected an argument for '@\(name)'"
    case .tooFewArguments(let name, let needs, let given):
      return
        "saved search '\(name)' needs \(Self.count(needs, "argument")); missing '$\(given + 1)'"
    case .tooManyArguments(let name, let takes, let given):
      let allowed = takes == 0 ? "no arguments" : Self.count(takes, "argument")
      return "saved search '\(name)' takes \(allowed), not \(given)"
    case .parameterWithoutArgument(let n): return "parameter '$\(n)' has no argument"
    case .unknownSavedSearch(let name, let nearest):
      return "unknown saved search '\(name)'" + Self.didYouMean(nearest)
    case .noLastQuery: return "no previous query for '@last'"
    case .savedSearchCycle(let name, let path):
      return "saved search '\(name)' refers to itself: \(path)"
    case .notExpanded(let name): return "saved search '@\(name)' was not expanded"
    case .inSavedSearch(let name, let inner): return "in saved search '\(name)': \(inner.message)"
    case .cannotSave(let name, let reason): return "cannot save a search as '\(name)': \(reason)"

    case .unknownField(let name, let nearest):
      return "unknown field '\(name)'" + Self.didYouMean(nearest)
    case .rangeInFullText: return "full-text fields take words or phrases, not a range"
    case .starInsideWord(let word):
      return "'*' may only end a word in full text, as in 'incid*'; '\(word)' has one inside"
    case .notADate(let text): return "'\(text)' is not a date; expected YYYY, YYYY-MM or YYYY-MM-DD"
    case .prefixDate: return "a date takes no '*'; use a range such as 'date:2019..2021'"
    case .similarTakesOneID: return "'similar:' takes one entry id"
    case .unknownID(let id, let nearest):
      return "no entry has id '\(id)'" + Self.didYouMean(nearest)

    case .missingStage: return "expected a stage after '|'"
    case .unexpectedInStage(let ch): return "unexpected '\(ch)' in a stage"
    case .stageArgumentMissing(let what, let after):
      return "expected \(what == .field ? "a field" : "a number") after '\(after)'"
    case .unexpectedAfterStage(let word, let after): return "unexpected '\(word)' after '\(after)'"
    case .expectedSortDirection(let field, let got):
      return "expected 'asc' or 'desc' after 'sort \(field)', not '\(got)'"
    case .badLimit(let text):
      return "expected a whole number of 0 or more after 'limit', not '\(text)'"
    case .expectedBy(let got): return "expected 'by' after 'count', not '\(got)'"
    case .unknownStage(let name, let nearest):
      return "unknown stage '\(name)'" + Self.didYouMean(nearest)
    case .missingCountField: return "expected a field name in 'count by'"
    case .expectedDepthOrComma(let field, let got):
      return "expected 'depth' or ',' after '\(field)', not '\(got)'"
    case .missingDepth: return "expected a number after 'depth'"
    case .badDepth(let text):
      return "expected a whole number of 1 or more after 'depth', not '\(text)'"
    case .unexpectedAfterDepth(let word, let depth):
      return "unexpected '\(word)' after 'depth \(depth)'"
    case .tooManyCountFields: return "'count by' takes one field, or two for a cross-tabulation"
    case .missingFieldsName: return "expected a field name in 'fields'"
    case .stageAfterCount: return "no stage can follow 'count'"
    case .stageAfterCountBy: return "only 'limit' can follow 'count by'"
    case .sortByList(let name): return "cannot sort by '\(name)': an entry can have several values"
    case .cannotCountBy(let name): return "cannot count by '\(name)'"
    case .depthNeedsPaths(let field):
      return "'depth' needs a field of paths (tag, office or outcome), not '\(field)'"
    case .countByTwice(let name): return "cannot count by '\(name)' twice"
    case .notAListOfEntries: return "a briefing needs a list of entries, not counts"
    }
  }

  /// The broad kind of mistake, for callers that sort errors.
  public var kind: QueryError.Kind {
    switch self {
    case .tooLong: return .tooLong
    case .tooDeep: return .tooDeep
    case .unknownField: return .unknownField
    case .rangeInFullText, .starInsideWord, .notADate, .prefixDate, .similarTakesOneID, .unknownID,
      .cannotSave:
      return .badValue
    case .unknownSavedSearch, .noLastQuery, .notExpanded: return .unknownSavedSearch
    case .savedSearchCycle: return .savedSearchCycle
    case .tooFewArguments, .tooManyArguments, .parameterWithoutArgument: return .missingArgument
    case .inSavedSearch(_, let inner): return inner.kind
    case .missingStage, .unexpectedInStage, .stageArgumentMissing, .unexpectedAfterStage,
      .expectedSortDirection, .badLimit, .expectedBy, .unknownStage, .missingCountField,
      .expectedDepthOrComma, .missingDepth, .badDepth, .unexpectedAfterDepth, .tooManyCountFields,
      .missingFieldsName, .stageAfterCount, .stageAfterCountBy, .sortByList, .cannotCountBy,
      .depthNeedsPaths, .countByTwice, .notAListOfEntries:
      return .badStage
    default: return .syntax
    }
  }

  /// `; did you mean 'a', 'b' or 'c'?`, or nothing.
  static func didYouMean(_ names: [String]) -> String {
    guard let last = names.last else { return "" }
    let quoted = names.map { "'\($0)'" }
    let list =
      names.count == 1 ? quoted[0] : quoted.dropLast().joined(separator: ", ") + " or '\(last)'"
    return "; did you mean \(list)?"
  }

  static func count(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }
}

extension QueryWarning.Reason {
  /// The warning's words, lower case, the user's text in single quotes.
  public var message: String {
    switch self {
    case .unknownValue(let field, let value, let nearest):
      return "no entry has \(field) '\(value)'" + QueryProblem.didYouMean(nearest)
    case .noGlobMatch(let field, let pattern):
      return "no entry has a \(field) matching '\(pattern)'"
    case .noLetters(let word): return "'\(word)' has no letters or digits; it matches nothing"
    case .prefixPart(let used, let written):
      return "only '\(used)*' of '\(written)*' is used as a prefix"
    case .respelled(let word, let better):
      return "no entry has '\(word)'; searching for '\(better)'"
    }
  }
}
