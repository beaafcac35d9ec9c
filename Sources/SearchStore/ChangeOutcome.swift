/// What a save did.
public enum SaveOutcome: Sendable, Equatable {
  case created
  /// An existing personal search was replaced (`force`).
  case replaced
  /// A new personal search now shadows a shared one (`force`).
  case shadowedShared
}

/// What a delete did.
public enum DeleteOutcome: Sendable, Equatable {
  case deleted
  /// The personal search is gone and the shared one of the same name is in use again.
  case deletedRevealingShared
}
