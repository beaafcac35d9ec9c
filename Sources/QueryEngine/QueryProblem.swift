/// What is wrong with a query, as data: one case per mistake, carrying the user's text it is
/// about. The words people read are in `QueryProblem+Wording.swift`, the one place they are
/// written; the place is `QueryError.range`.
public indirect enum QueryProblem: Hashable, Sendable {
  // Reading the text.
  case tooLong(length: Int, limit: Int)
  case tooDeep(limit: Int)
  case unterminatedPhrase
  case missingFieldName
  case missingValue(field: String)
  case termExpected
  case termExpectedAfter(String)
  case termExpectedBefore(String)
  case unclosedParenthesis
  case unopenedParenthesis(String)
  case detachedMinus
  case rangeWithoutBound
  case starInsideBareWord(String)
  case parameterOutsideSavedSearch(String)

  // Calling a saved search.
  case missingSavedSearchName
  case unclosedArguments(search: String)
  case expectedArgumentSeparator(search: String)
  case missingArgumentValue(search: String)
  case tooFewArguments(search: String, needs: Int, given: Int)
  case tooManyArguments(search: String, takes: Int, given: Int)
  case parameterWithoutArgument(Int)
  case unknownSavedSearch(String, nearest: [String])
  case noLastQuery
  case savedSearchCycle(search: String, path: String)
  case notExpanded(search: String)
  case inSavedSearch(String, QueryProblem)
  case cannotSave(name: String, reason: String)

  // Fields and values.
  case unknownField(String, nearest: [String])
  case rangeInFullText
  case starInsideWord(String)
  case notADate(String)
  case prefixDate
  case similarTakesOneID
  case unknownID(String, nearest: [String])

  // Stages.
  case missingStage
  case unexpectedInStage(Character)
  case stageArgumentMissing(StageArgument, after: String)
  case unexpectedAfterStage(String, after: String)
  case expectedSortDirection(field: String, got: String)
  case badLimit(String)
  case expectedBy(got: String)
  case unknownStage(String, nearest: [String])
  case missingCountField
  case expectedDepthOrComma(field: String, got: String)
  case missingDepth
  case badDepth(String)
  case unexpectedAfterDepth(String, depth: String)
  case tooManyCountFields
  case missingFieldsName
  case stageAfterCount
  case stageAfterCountBy
  case sortByList(String)
  case cannotCountBy(String)
  case depthNeedsPaths(field: String)
  case countByTwice(String)
  case notAListOfEntries

  /// What a stage was missing.
  public enum StageArgument: Hashable, Sendable {
    case field, number
  }
}
