public import Testing

extension Trait where Self == ConditionTrait {
    /// Runs a suite only where the Ceph packages are installed (`.ci/run` installs them), and
    /// says what to install where they are not.
    public static var needsCeph: Self {
        .enabled(if: CephCluster.isAvailable, "Ceph is not installed (apt-get install ceph-mon ceph-osd radosgw ceph-common)")
    }
}
