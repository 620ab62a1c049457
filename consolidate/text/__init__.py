"""Chinese text helpers every stage may use: numerals, folding for comparison, settings-file
decoding, characters XML cannot hold. They import nothing else from the package."""
