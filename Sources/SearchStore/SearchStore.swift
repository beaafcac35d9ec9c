// SearchStore
