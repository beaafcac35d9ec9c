/// What a caller was doing when a store refused: used in messages (`cannot save: ...`).
public enum StoreAction: String, Sendable, Equatable {
  case save
  case delete
}
