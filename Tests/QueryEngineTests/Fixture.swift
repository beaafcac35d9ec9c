import KnowledgeModel
import QueryEngine

/// A small knowledge base built in code, shaped like the bundled one.
enum Fixture {
  static let vocabulary: Vocabulary = {
    var v = Vocabulary(name: "fixture")
    for (value, aliases) in [
      ("la-dcfs", []), ("la-dcfs/cqi-division", ["cqi"]), ("la-dcfs/risk-management-division", []),
      ("la-dcfs/regional/lancaster", []), ("npcs", []),
    ] {
      v.add(Term(value: value, label: value, description: "", aliases: aliases), to: .office)
    }
    for (value, aliases) in [
      ("safety-science", []), ("safety-culture", []), ("just-culture", []),
      ("psychological-safety", []), ("critical-incident-review", ["cir"]), ("supervision", []),
    ] {
      v.add(Term(value: value, label: value, description: "", aliases: aliases), to: .tag)
    }
    for value in ["principle", "practice", "lesson"] {
      v.add(Term(value: value, label: value, description: ""), to: .kind)
    }
    for value in ["child-welfare/safety", "npcs-charter/fatalities-and-near-fatalities"] {
      v.add(Term(value: value, label: value, description: ""), to: .outcome)
    }
    return v
  }()

  static let entries: [Entry] = [
    Entry(
      id: "p-just-culture", title: "Just Culture", kind: "principle",
      summary: "Fair accountability", tags: ["just-culture", "safety-culture"],
      offices: ["la-dcfs"], outcomes: ["child-welfare/safety"], date: PartialDate("2019-10-20"),
      sources: [
        SourceReference(title: "Dekker on just culture", url: "https://example.org/dekker")
      ],
      extra: [("priority", .text("10")), ("status", .text("active"))],
      body: "A just culture reviews errors without blame. Café staff well-being matters."),
    Entry(
      id: "pr-critical-incident-review", title: "Critical Incident Review", kind: "practice",
      tags: ["critical-incident-review"], offices: ["la-dcfs/regional/lancaster"],
      outcomes: ["npcs-charter/fatalities-and-near-fatalities"], date: PartialDate("2021"),
      extra: [("priority", .text("9"))],
      body: "The team reviewed each incident. Incidents are studied for systems causes."),
    Entry(
      id: "l-lancaster-debrief", title: "Lancaster debrief", kind: "lesson",
      tags: ["psychological-safety"], offices: ["la-dcfs/regional/lancaster/unit-7"],
      date: PartialDate("2020-06"),
      body: "Supervisors reviewing cases found psychological safety helps; being well matters."),
    Entry(
      id: "p-safety-science", title: "Safety science basics", kind: "principle",
      tags: ["safety-science"], offices: ["npcs"], extra: [("priority", .text("100"))],
      body: "Reviews of the science. Just culture is named in the body only."),
    Entry(
      id: "pr-cqi", title: "CQI huddles", kind: "practice", tags: ["safety-culture"],
      offices: ["la-dcfs/cqi-division"], date: PartialDate("2019"),
      extra: [("status", .list(["retired", "archived"]))], body: "Weekly huddles."),
    Entry(id: "z-b", title: "Zebra note", body: "zebra"),
    Entry(id: "z-a", title: "Zebra note", body: "zebra"),
  ]

  static let knowledgeBase = KnowledgeBase(
    root: "fixture", name: "fixture", vocabulary: vocabulary, entries: entries)

  static let searcher = Searcher(knowledgeBase)

  static let saved = SavedSearchList([
    "lan": "office:lancaster",
    "near": "office:$1 $2",
    "recent": "date:2020.. | sort date desc",
    "a": "@b",
    "b": "@a",
    "inj": "tag:$1",
    "words": "$1",
  ])

  /// The ids a query finds, in order.
  static func ids(
    _ query: String, saved: any SavedSearchProvider = Fixture.saved, last: String? = nil
  ) throws(QueryError) -> [String] {
    let result = try searcher.run(query, savedSearches: saved, lastQuery: last)
    guard case .entries(let hits, _) = result.output else { return [] }
    return hits.map { entries[$0.entry].id }
  }
}
