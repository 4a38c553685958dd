"""The question bank: content on disk under references/bank/, its loader, question versions
(content hashes), rubrics, canonical solutions, mutants and test cases. It imports nothing of
ours; grader and interviews read from it.
"""
