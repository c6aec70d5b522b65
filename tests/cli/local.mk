# tests/cli: the CLIs end to end
