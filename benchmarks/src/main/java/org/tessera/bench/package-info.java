/**
 * JMH micro-benchmarks of the DICOM toolkit, packaged as {@code benchmarks/target/benchmarks.jar}
 * and run with {@code ./tessera bench}. Inputs are built in memory with the toolkit's own API
 * ({@link org.tessera.bench.CtInstance}), so a run needs no sample files; results and the machine
 * they came from are recorded in {@code docs/PERFORMANCE.md}.
 */
package org.tessera.bench;
