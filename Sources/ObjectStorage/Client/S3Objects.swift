/// An object as a listing or a HEAD describes it.
public struct S3Object: Sendable, Hashable {
    public var key: String
    public var size: Int
    /// Without quotes.
    public var eTag: String
    /// As the server wrote it (ISO 8601 in listings, HTTP date in HEAD).
    public var lastModified: String
}

/// One page of a ListObjectsV2 answer.
public struct S3ObjectPage: Sendable, Hashable {
    public var objects: [S3Object]
    /// Pass to the next request; nil on the last page.
    public var continuationToken: String?
}

/// A multipart upload started and neither completed nor aborted.
public struct S3MultipartUpload: Sendable, Hashable {
    public var key: String
    public var uploadID: String
    public var initiated: String
}

/// A part uploaded, for CompleteMultipartUpload.
public struct S3UploadedPart: Sendable, Hashable {
    public var number: Int
    public var eTag: String
}
