/// One Ceph cluster for the whole test process: starting one takes seconds, and the suites
/// that need it each create buckets of their own. The supervisor stops it when the process
/// exits (its stdin closes).
public actor SharedCeph {
    public static let shared = SharedCeph()
    private var starting: Task<CephCluster, any Error>?

    public func cluster() async throws -> CephCluster {
        if let starting { return try await starting.value }
        let task = Task { try await CephCluster.start() }
        starting = task
        return try await task.value
    }
}
