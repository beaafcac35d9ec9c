print("safetykb")
