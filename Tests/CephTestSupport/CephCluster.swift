import Foundation

/// A throwaway single-node Ceph cluster with the RADOS Gateway (a real S3 server) on loopback:
/// one monitor, one OSD keeping objects in memory, radosgw on a free port, all under a temp dir.
///
/// A supervisor script starts the daemons, reports when S3 answers, then waits on its stdin:
/// when the test process closes that pipe (`stop()` or its exit, even a crash) it stops the
/// daemons it started, by PID, and removes the temp dir. Nothing else is ever signalled.
public final class CephCluster: Sendable {
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// `http://127.0.0.1:PORT`.
    public let endpoint: String
    public let accessKeyID: String
    public let secretAccessKey: String
    public let region = "us-east-1"
    private let supervisor: Process
    private let control: FileHandle

    /// The Ceph programs the cluster needs are installed (Debian: `ceph-mon ceph-osd radosgw ceph-common`).
    public static let isAvailable: Bool = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        let dirs = path.split(separator: ":").map(String.init) + ["/usr/bin", "/usr/sbin"]
        return ["ceph-mon", "ceph-osd", "radosgw", "radosgw-admin", "monmaptool", "ceph-authtool", "ceph", "python3"].allSatisfy { tool in
            dirs.contains { FileManager.default.isExecutableFile(atPath: $0 + "/" + tool) }
        }
    }()

    /// Starts a cluster and returns once radosgw answers S3 requests with the user's keys.
    public static func start() async throws -> CephCluster {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ceph-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let script = directory.appendingPathComponent("supervise.sh")
        try Data(supervisorScript.utf8).write(to: script)
        let accessKeyID = "TESTKEY\(UInt32.random(in: 0 ... .max))"
        let secretAccessKey = "secret/\(UUID().uuidString)"

        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        // The supervisor runs detached (the shell that starts it exits at once): Foundation watches
        // its children's exits on one thread that waits for each in turn, so a child living as long
        // as the test process would keep every later `Process` (python3, the CLI) from being seen to end.
        process.arguments = ["-c", #"bash "$0" "$@" <&0 &"#, script.path, directory.path, accessKeyID, secretAccessKey]
        let stdin = Pipe()
        let stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = FileHandle.nullDevice
        let ready = ReadyLine()
        stdout.fileHandleForReading.readabilityHandler = { handle in
            let data = handle.availableData
            ready.receive(data.isEmpty ? nil : data)
            if data.isEmpty { handle.readabilityHandler = nil }
        }
        try process.run()
        let port = try await ready.wait()
        return CephCluster(
            endpoint: "http://127.0.0.1:\(port)", accessKeyID: accessKeyID, secretAccessKey: secretAccessKey,
            supervisor: process, control: stdin.fileHandleForWriting, directory: directory)
    }

    private let directory: URL

    private init(endpoint: String, accessKeyID: String, secretAccessKey: String, supervisor: Process, control: FileHandle, directory: URL) {
        self.endpoint = endpoint
        self.accessKeyID = accessKeyID
        self.secretAccessKey = secretAccessKey
        self.supervisor = supervisor
        self.control = control
        self.directory = directory
    }

    /// Tells the supervisor to stop the daemons it started.
    public func stop() {
        try? control.close()
    }

    /// The supervisor's reading of its stdout: `ready PORT` once S3 answers, or the end of the
    /// output when starting failed.
    private final class ReadyLine: @unchecked Sendable {
        private let lock = NSLock()
        private var buffer = Data()
        private var continuation: CheckedContinuation<Int, any Error>?
        private var result: Result<Int, any Error>?

        func receive(_ data: Data?) {
            lock.lock()
            defer { lock.unlock() }
            guard result == nil else { return }
            if let data { buffer.append(data) }
            let text = String(decoding: buffer, as: UTF8.self)
            if let line = text.split(separator: "\n").first(where: { $0.hasPrefix("ready ") }), let port = Int(line.dropFirst(6)) {
                finish(.success(port))
            } else if data == nil {
                finish(.failure(Failure(description: "the Ceph cluster did not start: \(text.suffix(2000))")))
            }
        }

        func wait() async throws -> Int {
            try await withCheckedThrowingContinuation { continuation in
                lock.lock()
                defer { lock.unlock() }
                if let result { continuation.resume(with: result) } else { self.continuation = continuation }
            }
        }

        private func finish(_ outcome: Result<Int, any Error>) {
            result = outcome
            continuation?.resume(with: outcome)
            continuation = nil
        }
    }
}

extension CephCluster {
    /// Arguments: DIR ACCESS_KEY SECRET_KEY. Prints `ready PORT` once radosgw answers, then waits
    /// for stdin to close and stops what it started.
    static let supervisorScript = #"""
set -uo pipefail
dir=$1 access=$2 secret=$3
# Only stdin may hold the test process's end of the control pipe: an inherited copy of its write
# end (here or in a daemon) would keep the EOF that stops the cluster from ever coming.
for fd in /proc/$$/fd/*; do
  fd=${fd##*/}
  [ "$fd" -gt 2 ] 2>/dev/null && eval "exec $fd>&-" 2>/dev/null
done
pids=()
cleanup() {
  # SIGKILL: the test process may block SIGTERM, and children inherit the mask; the cluster keeps
  # nothing worth a clean shutdown (memstore, all under the temp dir).
  for pid in "${pids[@]}"; do kill -KILL "$pid" 2>/dev/null; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null; done
  rm -rf "$dir"
}
trap cleanup EXIT
fail() { echo "failed: $1"; for log in "$dir"/log/*.log; do echo "== $log"; tail -n 5 "$log"; done; exit 1; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
monport=$(free_port) rgwport=$(free_port)
fsid=$(python3 -c 'import uuid; print(uuid.uuid4())')
mkdir -p "$dir/mon/ceph-a" "$dir/run" "$dir/log" "$dir/rgw"
conf=$dir/ceph.conf
cat > "$conf" <<CONF
[global]
fsid = $fsid
mon host = v2:127.0.0.1:$monport
mon initial members = a
public addr = 127.0.0.1
public network = 127.0.0.1/32
ms bind ipv6 = false
auth cluster required = none
auth service required = none
auth client required = none
ms mon client mode = crc
run dir = $dir/run
admin socket = $dir/run/\$name.asok
log file = $dir/log/\$name.log
pid file = $dir/run/\$name.pid
keyring = $dir/keyring
mon data = $dir/mon/\$cluster-\$id
osd data = $dir/osd/\$cluster-\$id
osd objectstore = memstore
memstore device bytes = 1073741824
osd pool default size = 1
osd pool default min size = 1
osd pool default pg num = 8
osd pool default pgp num = 8
osd crush chooseleaf type = 0
mon allow pool size one = true
mon warn on pool no redundancy = false
paxos propose interval = 0.05
[client.rgw]
rgw frontends = beast endpoint=127.0.0.1:$rgwport
rgw data = $dir/rgw
CONF
monmaptool --create --clobber --addv a "[v2:127.0.0.1:$monport]" --fsid "$fsid" "$dir/monmap" >/dev/null || fail monmaptool
ceph-authtool --create-keyring "$dir/keyring" --gen-key -n mon. --cap mon 'allow *' >/dev/null || fail ceph-authtool
ceph-mon -c "$conf" --mkfs -i a --monmap "$dir/monmap" --keyring "$dir/keyring" 2>/dev/null || fail "ceph-mon --mkfs"
ceph-mon -c "$conf" -i a -f >/dev/null 2>&1 </dev/null & pids+=($!)
osdid=$(timeout 30 ceph -c "$conf" osd create 2>/dev/null) || fail "ceph osd create"
mkdir -p "$dir/osd/ceph-$osdid"
ceph-osd -c "$conf" -i "$osdid" --mkfs >/dev/null 2>&1 || fail "ceph-osd --mkfs"
ceph-osd -c "$conf" -i "$osdid" -f >/dev/null 2>&1 </dev/null & pids+=($!)
radosgw -c "$conf" -n client.rgw -f >/dev/null 2>&1 </dev/null & pids+=($!)
timeout 60 radosgw-admin -c "$conf" -n client.rgw user create --uid=tester --display-name=tester \
  --access-key="$access" --secret-key="$secret" >/dev/null 2>&1 </dev/null & admin=$!
python3 - "$rgwport" <<'PY' || fail "radosgw did not answer"
import sys, time, urllib.request
deadline = time.time() + 60
while True:
    try:
        urllib.request.urlopen("http://127.0.0.1:%s/" % sys.argv[1], timeout=2).read()
        break
    except Exception:
        if time.time() > deadline:
            sys.exit(1)
        time.sleep(0.05)
PY
wait "$admin" || fail "radosgw-admin user create"
echo "ready $rgwport"
cat >/dev/null
"""#
}
