import Foundation
import Testing

@testable import SearchStore

/// Several processes writing one store at once, and processes killed while writing.
@Suite(.serialized) struct MultiProcessTests {
  @Test func concurrentSavesFromSeveralProcessesAllSurvive() throws {
    let f = Fixture()
    let workers = try (0..<4).map {
      try WorkerProcess(prefix: "p\($0)", store: f.personalPath, count: 25)
    }
    for worker in workers {
      #expect(worker.wait() == 0)
      #expect(worker.errors == [])
      #expect(worker.saved.count == 25)
    }
    let catalog = f.searches().load()
    #expect(catalog.problems.isEmpty)
    let expected = (0..<4).flatMap { p in (0..<25).map { "p\(p)-\($0)" } }
    #expect(Set(catalog.names) == Set(expected))
    #expect(catalog.names.count == 100)
  }

  @Test func processesKilledWhileSavingLoseNothingThatReturned() throws {
    let f = Fixture()
    var returned: [String] = []
    for round in 0..<3 {
      let workers = try (0..<3).map {
        try WorkerProcess(prefix: "k\(round)x\($0)", store: f.personalPath, count: 0)
      }
      // Wait until each worker has saved ten (the limit only bounds a failure: durable saves
      // on a busy machine's disk can be slow).
      let deadline = Date().addingTimeInterval(120)
      while workers.contains(where: { $0.saved.count < 10 }) && Date() < deadline {
        Thread.sleep(forTimeInterval: 0.01)
      }
      for worker in workers { worker.kill() }
      for worker in workers { #expect(worker.wait() == SIGKILL) }
      #expect(workers.allSatisfy { $0.saved.count >= 10 }, "workers were too slow to save")
      returned += workers.flatMap(\.saved)
      let catalog = f.searches().load()
      #expect(catalog.problems.isEmpty)
      #expect(Set(returned).isSubset(of: Set(catalog.names)))
      // A save killed after its rename but before it printed may add one name more per worker.
      #expect(catalog.names.count <= returned.count + workers.count * (round + 1))
    }
  }

  @Test func aFailedWriteLeavesThePreviousFile() throws {
    let f = Fixture()
    try f.searches().save(name: "kept", query: "tag:kept")
    let before = try #require(f.folder.bytes("config/safetykb/searches.yaml"))
    let worker = try WorkerProcess(
      prefix: "big", store: f.personalPath, count: 1,
      extra: [
        "SEARCHSTORE_WORKER_FSIZE": String(before.count + 16),
        "SEARCHSTORE_WORKER_DESCRIPTION": String(repeating: "long ", count: 200),
      ])
    #expect(worker.wait() == 0)
    #expect(worker.saved == [])
    #expect(
      worker.errors == [
        "cannot save: '\(f.personalPath)': could not write: file too large; the previous file"
          + " is unchanged"
      ])
    #expect(f.folder.bytes("config/safetykb/searches.yaml") == before)
    let leftovers = try FileManager.default.contentsOfDirectory(
      atPath: f.folder.file("config/safetykb"))
    #expect(leftovers.sorted() == ["searches.yaml", "searches.yaml.lock"])
  }
}
