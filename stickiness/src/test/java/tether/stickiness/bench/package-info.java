/**
 * JMH benchmarks of resolving affinity ({@link tether.stickiness.bench.ResolveBenchmark}) and a
 * measurement of the learned table's memory ({@link tether.stickiness.bench.LearnedTableMemory}).
 * Not tests: run them as the module README describes.
 */
package tether.stickiness.bench;
