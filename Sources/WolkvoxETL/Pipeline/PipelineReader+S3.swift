import Yams

extension PipelineReader {
    static let s3Keys = ["endpoint", "region", "path_style", "access_key_id", "secret_access_key", "session_token"]

    /// `load.s3` and an `s3://` `load.root`:
    /// - `endpoint` (string, default `https://s3.REGION.amazonaws.com`): any S3 API URL.
    /// - `region` (string, default `us-east-1`): the signing region (`auto` for R2).
    /// - `path_style` (bool, default false): true for most self-hosted servers (MinIO, Ceph).
    /// - `access_key_id`, `secret_access_key`, `session_token` (strings, optional, as `${VAR}`):
    ///   otherwise AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN or the shared
    ///   credentials file. Their values are never quoted in a message.
    mutating func objectStorage(_ e: Entries, into load: inout Pipeline.Load) {
        let bucket = Pipeline.LandingTarget.parseBucket(load.root)
        if let bucket, bucket.name.isEmpty || !Self.isBucketName(bucket.name) {
            problem(e["root"], "load.root", "'\(load.root)' does not name a bucket; write s3://BUCKET/PREFIX (bucket: 3-63 lower-case letters, digits, '.', '-')")
        }
        guard let node = e["s3"] else {
            if bucket != nil { load.s3 = Pipeline.S3Settings() }
            return
        }
        guard bucket != nil else {
            problem(node, "load.s3", "is only used with an s3:// root; write load.root: s3://BUCKET/PREFIX or remove load.s3")
            return
        }
        guard let s = entries(node, "load.s3", allowed: Self.s3Keys) else { return }
        let region = s["region"].flatMap { string($0, "load.s3.region") } ?? "us-east-1"
        var endpoint: String?
        if let n = s["endpoint"], let value = string(n, "load.s3.endpoint") {
            if value.hasPrefix("https://") || value.hasPrefix("http://") {
                endpoint = value
            } else {
                problem(n, "load.s3.endpoint", "must be an http(s) URL such as https://s3.eu-west-1.amazonaws.com or http://127.0.0.1:9000")
            }
        }
        var pathStyle = false
        if let n = s["path_style"], let value = string(n, "load.s3.path_style") {
            switch value.lowercased() {
            case "true", "yes": pathStyle = true
            case "false", "no": pathStyle = false
            default: problem(n, "load.s3.path_style", "must be true or false")
            }
        }
        func secret(_ key: String) -> String? {
            guard let n = s[key] else { return nil }
            guard let value = text(n, "load.s3.\(key)", expected: "a string") else { return nil }
            if value.isEmpty { problem(n, "load.s3.\(key)", "is empty") }
            return value
        }
        let accessKeyID = secret("access_key_id")
        let secretAccessKey = secret("secret_access_key")
        let sessionToken = secret("session_token")
        if (accessKeyID == nil) != (secretAccessKey == nil) {
            problem(node, "load.s3", "give both access_key_id and secret_access_key, or neither (then AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are used)")
        }
        load.s3 = Pipeline.S3Settings(
            endpoint: endpoint, region: region, pathStyle: pathStyle, accessKeyID: accessKeyID,
            secretAccessKey: secretAccessKey, sessionToken: sessionToken)
    }

    static func isBucketName(_ name: String) -> Bool {
        (3...63).contains(name.count)
            && name.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" || $0 == "." }
    }
}
