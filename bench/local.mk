# bench/: rules for this area

# Detection benchmark (doc/benchmarks.md): recall and false alarms on the
# labelled corpora beside secretlint, findings on real trees, throughput.
# Also runnable by hand: bench/bench_detect.sh BUILDDIR SRCDIR.
dist_noinst_SCRIPTS += bench/bench_detect.sh
.PHONY: bench-detect
bench-detect: credaudit
	$(SHELL) $(srcdir)/bench/bench_detect.sh $(builddir) $(srcdir)
