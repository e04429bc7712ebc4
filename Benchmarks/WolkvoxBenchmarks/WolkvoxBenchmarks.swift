import Benchmark

/// `swift package benchmark` (see README, "Performance"): each stage of the hot path and the
/// whole landing of one response, on bytes the mock generates once per process.
let benchmarks: @Sendable () -> Void = {
    let configuration = Benchmark.Configuration(
        metrics: [.throughput, .wallClock, .cpuTotal, .mallocCountTotal, .peakMemoryResident],
        warmupIterations: 1,
        maxDuration: .seconds(5),
        maxIterations: 25,
        // The inputs are built here, before timing starts, not in the first measured iteration.
        setup: { _ = (Inputs.cdr1, Inputs.chat4) }
    )
    StageBenchmarks.register(configuration: configuration)
    PipelineBenchmarks.register(configuration: configuration)
}
