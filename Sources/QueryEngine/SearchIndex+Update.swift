import Foundation
import KnowledgeModel

extension SearchIndex {
  /// The index this one was brought up to date from, or this one; nil when neither knows what
  /// it was built from (`documents`), so none can be brought up to date.
  public var updatableBase: SearchIndex? {
    if let base = parts.base { return base }
    return documents.get == nil ? nil : self
  }

  /// Whether this index was brought up to date from another rather than built.
  public var isUpdate: Bool { parts.base != nil }

  /// `base` brought up to date with `entries`, which differ from the entries it was built from
  /// as `changes` says: the entries it lacks (added or changed) are indexed on their own, a small
  /// index, and every part answers as the merge of the two, made when a query first needs it. A
  /// list of the base is renumbered and rid of the entries gone; its counts, lengths and orders
  /// become those of the knowledge base now, so every answer, ranking included, is the one an
  /// index built afresh gives (`IndexUpdateTests` compares them).
  ///
  /// What costs more with the number of changes (the small index, each list's merge) is bounded
  /// by `SearchIndex.cached`, which builds afresh past a share of the entries.
  static func updated(_ base: SearchIndex, changes: IndexChanges, entries: EntryList)
    -> SearchIndex
  {
    let delta = IndexBuilder.build(
      EntryList(changes.fresh.map { entries[Int($0)] }), shards: 1)
    let merge = IndexMerge(base: base, delta: delta, changes: changes, entries: entries)
    let text = TextField.allCases.map { field in Memo { merge.text(field) } }
    let facets = Set(base.parts.facets.keys).union(delta.parts.facets.keys)
    var facetMemos: [Facet: Memo<ValuePostings>] = [:]
    for facet in facets {
      facetMemos[facet] = Memo {
        merge.values(base.facet(facet), delta.facet(facet)) { facet.values(of: $0) }
      }
    }
    var extras: [String: Memo<ValuePostings>] = [:]
    let extraKeys = Set(base.parts.extras.keys).union(delta.parts.extras.keys).sorted()
    for key in extraKeys {
      extras[key] = Memo {
        merge.values(base.extra(key), delta.extra(key)) { entry in
          entry.extraKeys.filter { $0.lowercased() == key }.flatMap {
            entry.extraValues[$0]?.values ?? []
          }
        }
      }
    }
    let orders = Memo { merge.orders() }
    let parts = IndexParts(
      file: base.parts.file, stems: Memo { merge.stemMap.get.stems },
      words: Memo { merge.wordMap.get.words }, text: text, facets: facetMemos,
      ids: Memo { merge.values(base.ids, delta.ids) { [$0.id] } },
      related: Memo { merge.values(base.related, delta.related) { $0.related } },
      extras: extras,
      dateLower: Memo { changes.perEntry(base.dateLower, delta.dateLower) },
      dateUpper: Memo { changes.perEntry(base.dateUpper, delta.dateUpper) },
      titleRank: Memo { orders.get.titleRank }, idRank: Memo { orders.get.idRank },
      titleOrder: Memo { orders.get.titleOrder },
      listing: Memo { merge.listing(order: orders.get.titleOrder) },
      maxImpact: Memo { merge.maxImpact(text.map(\.get)) },
      extraKeys: Memo { [extras] in
        extraKeys.filter { !(extras[$0]?.get.sortedValues.isEmpty ?? true) }
      }, base: base)
    return SearchIndex(count: changes.count, parts: parts)
  }
}
