/// English function words: in a best-match query they carry no weight and never decide whether an
/// entry matches, unless the query has nothing else. Question words, pronouns, auxiliaries,
/// articles, prepositions and conjunctions; no word that names a thing.
enum StopWords {
  static let words: Set<String> = [
    "a", "about", "above", "after", "again", "against", "all", "am", "an", "and", "any", "are",
    "as", "at", "be", "because", "been", "before", "being", "below", "between", "both", "but",
    "by", "can", "could", "did", "do", "does", "doing", "down", "during", "each", "else", "ever",
    "few", "for", "from", "further", "get", "gets", "got", "had", "has", "have", "having", "he",
    "her", "here", "hers", "herself", "him", "himself", "his", "how", "i", "if", "in", "into",
    "is", "it", "its", "itself", "just", "let", "may", "me", "might", "more", "most", "must", "my",
    "myself", "no", "nor", "not", "now", "of", "off", "on", "once", "only", "or", "other", "ought",
    "our", "ours", "ourselves", "out", "over", "own", "same", "shall", "she", "should", "so",
    "some", "such", "than", "that", "the", "their", "theirs", "them", "themselves", "then",
    "there", "these", "they", "this", "those", "through", "to", "too", "under", "until", "up",
    "upon", "us", "very", "was", "we", "were", "what", "when", "where", "whether", "which",
    "while", "who", "whom", "whose", "why", "will", "with", "within", "would", "you", "your",
    "yours", "yourself", "yourselves", "s", "t", "d", "ll", "m", "re", "ve", "don", "doesn",
    "didn", "isn", "aren", "wasn", "weren", "won", "wouldn", "shouldn", "couldn", "can't",
    "cannot", "also", "there's", "what's", "how's", "etc", "eg", "ie", "via", "per", "among",
    "across", "toward", "towards", "onto", "whereas", "though", "although", "unless", "yet",
    "anyone", "anything", "everyone", "everything", "someone", "something", "one", "ones",
    "tell", "show", "find", "give", "make", "way", "ways", "thing", "things", "kind", "lot",
    "much", "many", "often", "really", "please", "know", "want", "like",
  ]

  /// Whether a folded word is a function word.
  static func contains(_ word: String) -> Bool { words.contains(word) }
}
