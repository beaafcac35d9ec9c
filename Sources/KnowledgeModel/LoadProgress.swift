import Foundation
import Synchronization

/// How far a long load has come: files checked or parsed out of the total, then entries indexed,
/// then the index written. Library code updates it from any thread; whoever shows a progress
/// line reads it (the program decides whether there is a terminal to show it on).
public final class LoadProgress: Sendable {
  public static let shared = LoadProgress()

  public enum Phase: Int, Sendable {
    case idle, parsing, indexing, writing
  }

  /// What a progress line shows: the phase, how much of it is done, and for how long it has run.
  public struct Snapshot: Sendable, Equatable {
    public var phase: Phase
    public var done: Int
    public var total: Int
    public var seconds: Double

    public init(phase: Phase, done: Int, total: Int, seconds: Double) {
      self.phase = phase
      self.done = done
      self.total = total
      self.seconds = seconds
    }
  }

  private let phase = Atomic<Int>(0)
  private let done = Atomic<Int>(0)
  private let total = Atomic<Int>(0)
  /// When the phase began, in nanoseconds of the monotonic clock.
  private let began = Atomic<UInt64>(0)

  public init() {}

  /// Starts a phase of `total` steps.
  public func begin(_ next: Phase, total steps: Int = 0) {
    done.store(0, ordering: .relaxed)
    total.store(steps, ordering: .relaxed)
    began.store(DispatchTime.now().uptimeNanoseconds, ordering: .relaxed)
    phase.store(next.rawValue, ordering: .releasing)
  }

  public func advance(_ steps: Int = 1) {
    done.add(steps, ordering: .relaxed)
  }

  public func end() { phase.store(Phase.idle.rawValue, ordering: .releasing) }

  public var snapshot: Snapshot {
    let now = DispatchTime.now().uptimeNanoseconds
    let start = began.load(ordering: .relaxed)
    return Snapshot(
      phase: Phase(rawValue: phase.load(ordering: .acquiring)) ?? .idle,
      done: done.load(ordering: .relaxed), total: total.load(ordering: .relaxed),
      seconds: Double(now &- start) / 1e9)
  }
}
