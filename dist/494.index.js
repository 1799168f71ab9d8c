export const id = 494;
export const ids = [494];
export const modules = {

/***/ 2494:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  readWheel: () => (/* binding */ readWheel)
});

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./node_modules/yauzl/index.js
var yauzl = __webpack_require__(663);
// EXTERNAL MODULE: ./src/read/entry-path.ts
var entry_path = __webpack_require__(9698);
// EXTERNAL MODULE: ./node_modules/csv-parse/lib/sync.js + 8 modules
var sync = __webpack_require__(712);
// EXTERNAL MODULE: ./src/packaging/wheel-tags.ts
var wheel_tags = __webpack_require__(4264);
;// CONCATENATED MODULE: ./src/read/wheel-metadata.ts


/** `WHEEL` (email-header style): the tags, expanded from compressed sets, and Root-Is-Purelib. */
function parseWheelFile(text) {
    const tags = new Set();
    let rootIsPurelib;
    for (const line of text.split(/\r?\n/)) {
        const colon = line.indexOf(':');
        if (colon < 0)
            continue;
        const field = line.slice(0, colon).trim().toLowerCase();
        const value = line.slice(colon + 1).trim();
        if (field === 'tag')
            for (const tag of (0,wheel_tags/* expandCompressed */.AL)(value))
                tags.add(tag);
        if (field === 'root-is-purelib')
            rootIsPurelib = value.toLowerCase() === 'true';
    }
    return { tags: [...tags].sort(), ...(rootIsPurelib !== undefined && { rootIsPurelib }) };
}
/** Files that RECORD lists without a hash: itself and its signatures. */
const UNHASHED = /\.dist-info\/RECORD(?:\.jws|\.p7s)?$/;
/**
 * RECORD against the files read: a file whose SHA-256 or size differs, a file RECORD does not list, or a
 * RECORD line whose file is not in the wheel. Hashes in another algorithm are checked by size only.
 */
function checkRecord(text, distInfo, entries) {
    let rows;
    try {
        rows = (0,sync/* parse */.q)(text, { relax_column_count: true, skip_empty_lines: true });
    }
    catch (error) {
        return [
            {
                path: `${distInfo}/RECORD`,
                problem: `RECORD is not valid CSV (${error.message})`
            }
        ];
    }
    const problems = [];
    const listed = new Set();
    for (const [path = '', hash = '', size = ''] of rows) {
        listed.add(path);
        if (UNHASHED.test(path))
            continue;
        const entry = entries.get(path);
        if (!entry || entry.type === 'dir') {
            problems.push({ path, problem: 'listed in RECORD but not in the wheel' });
            continue;
        }
        const [algorithm, digest] = hash.split('=', 2);
        if (algorithm === 'sha256' &&
            digest !== undefined &&
            digest !== hexToUrlsafeBase64(entry.sha256))
            problems.push({ path, problem: 'its SHA-256 differs from RECORD: changed after the build' });
        else if (size !== '' && Number(size) !== entry.size)
            problems.push({ path, problem: `its size ${entry.size} differs from RECORD's ${size}` });
        else if (!hash)
            problems.push({ path, problem: 'RECORD gives it no hash' });
    }
    for (const [path, entry] of entries)
        if (entry.type !== 'dir' && !listed.has(path))
            problems.push({ path, problem: 'not listed in RECORD: added after the build' });
    return problems.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
/** RECORD's digest form: URL-safe base64 without padding (PEP 376 as amended by PEP 427). */
function hexToUrlsafeBase64(hex) {
    return Buffer.from(hex, 'hex').toString('base64url');
}

// EXTERNAL MODULE: ./src/read/types.ts
var types = __webpack_require__(93);
// EXTERNAL MODULE: ./src/read/decode-text.ts
var decode_text = __webpack_require__(5986);
// EXTERNAL MODULE: external "node:zlib"
var external_node_zlib_ = __webpack_require__(8522);
;// CONCATENATED MODULE: ./src/read/zip-data.ts


/** Reads ahead in blocks of this size; larger entries are inflated as a stream in pieces of it. */
const BLOCK = 1 << 18;
/**
 * The file data of zip entries, read in one sequential pass in the order they are stored.
 * Written here rather than with yauzl's per-entry streams: those cost a random read and a stream per
 * entry, three times the time of the whole read on a wheel of 5,000 entries.
 */
class ZipData {
    handle;
    size;
    window = Buffer.alloc(0);
    windowStart = 0;
    constructor(handle, size) {
        this.handle = handle;
        this.size = size;
    }
    /**
     * The entry's uncompressed bytes, passed to `onChunk` in order. Throws with the reason when the local
     * header, the sizes or the CRC-32 contradict the central directory.
     */
    async read(entry, onChunk) {
        const start = await this.dataStart(entry);
        let crc = 0;
        let size = 0;
        const take = (chunk) => {
            size += chunk.length;
            if (size > entry.uncompressedSize)
                throw new Error(`inflates past the ${entry.uncompressedSize} bytes the central directory declares (a zip bomb?)`);
            crc = (0,external_node_zlib_.crc32)(chunk, crc);
            onChunk(chunk);
        };
        if (entry.compressionMethod === 0) {
            if (entry.compressedSize !== entry.uncompressedSize)
                throw new Error('a stored entry whose sizes differ');
            for (let at = 0; at < entry.compressedSize; at += BLOCK)
                take(await this.range(start + at, Math.min(BLOCK, entry.compressedSize - at)));
        }
        else if (entry.compressionMethod === 8) {
            await this.inflate(entry, start, take);
        }
        else {
            throw new Error(`compression method ${entry.compressionMethod} (wheels use deflate or none)`);
        }
        if (size !== entry.uncompressedSize)
            throw new Error(`holds ${size} bytes, the central directory says ${entry.uncompressedSize}`);
        if (crc >>> 0 !== entry.crc32 >>> 0)
            throw new Error('CRC-32 mismatch: the data is damaged');
    }
    /** Where the entry's data begins: after its local header, whose name must be the central one's. */
    async dataStart(entry) {
        const offset = entry.relativeOffsetOfLocalHeader;
        const header = await this.range(offset, 30);
        if (header.readUInt32LE(0) !== 0x04034b50)
            throw new Error('no local file header at its offset');
        const nameLength = header.readUInt16LE(26);
        const extraLength = header.readUInt16LE(28);
        const name = Buffer.from(await this.range(offset + 30, nameLength));
        if (!name.equals(entry.fileName))
            throw new Error(`its local header names it ${JSON.stringify(name.toString('utf8'))}: extractors would disagree on its name`);
        return offset + 30 + nameLength + extraLength;
    }
    /** Small entries at once (capped at their declared size); large ones as a stream, a block at a time. */
    async inflate(entry, start, take) {
        if (entry.compressedSize <= BLOCK) {
            const compressed = await this.range(start, entry.compressedSize);
            let inflated;
            try {
                // One byte past the declared size shows a liar without inflating a bomb.
                inflated = (0,external_node_zlib_.inflateRawSync)(compressed, {
                    maxOutputLength: entry.uncompressedSize + 1,
                    chunkSize: Math.max(64, entry.uncompressedSize + 1)
                });
            }
            catch (error) {
                if (error.code === 'ERR_BUFFER_TOO_LARGE')
                    throw new Error('inflates past the size the central directory declares (a zip bomb?)');
                throw new Error(`corrupt deflate data (${error.message})`);
            }
            take(inflated);
            return;
        }
        const inflater = (0,external_node_zlib_.createInflateRaw)({ chunkSize: 1 << 17 });
        let failure;
        inflater.on('data', (chunk) => {
            if (failure)
                return;
            try {
                take(chunk);
            }
            catch (error) {
                failure = error;
                inflater.destroy();
            }
        });
        const done = new Promise((resolve, reject) => {
            inflater.once('end', resolve);
            inflater.once('close', resolve);
            inflater.once('error', error => reject(new Error(`corrupt deflate data (${error.message})`)));
        });
        for (let at = 0; at < entry.compressedSize && !failure; at += BLOCK) {
            const piece = await this.range(start + at, Math.min(BLOCK, entry.compressedSize - at));
            if (!inflater.write(Buffer.from(piece)))
                await drained(inflater);
        }
        if (!failure)
            inflater.end();
        await done;
        if (failure)
            throw failure;
    }
    /** `length` bytes from `from`, read ahead sequentially; ranges come in increasing order. */
    async range(from, length) {
        if (from < this.windowStart || from + length > this.size)
            throw new Error('points outside the archive');
        const skip = from - this.windowStart;
        this.window = skip >= this.window.length ? Buffer.alloc(0) : this.window.subarray(skip);
        this.windowStart = from;
        while (this.window.length < length) {
            const at = this.windowStart + this.window.length;
            const block = Buffer.allocUnsafe(Math.min(Math.max(BLOCK, length), this.size - at));
            const { bytesRead } = await this.handle.read(block, 0, block.length, at);
            if (bytesRead === 0)
                throw new Error('the archive ends inside it');
            const read = block.subarray(0, bytesRead);
            this.window = this.window.length ? Buffer.concat([this.window, read]) : read;
        }
        return this.window.subarray(0, length);
    }
}
/**
 * yauzl's reader over an open file, served from a read-ahead block: the central directory is read as
 * thousands of small sequential reads, each a thread-pool round trip with yauzl's own file reader.
 */
class BlockReader extends yauzl.RandomAccessReader {
    handle;
    size;
    block = Buffer.alloc(0);
    blockStart = 0;
    constructor(handle, size) {
        super();
        this.handle = handle;
        this.size = size;
    }
    read(buffer, offset, length, position, callback) {
        this.bytes(position, length).then(bytes => callback(null, bytes.copy(buffer, offset)), (error) => callback(error));
    }
    _readStreamForRange() {
        throw new Error('internal: entry data is read by ZipData');
    }
    async bytes(position, length) {
        const end = position + length;
        if (position >= this.blockStart && end <= this.blockStart + this.block.length)
            return this.block.subarray(position - this.blockStart, end - this.blockStart);
        const block = Buffer.allocUnsafe(Math.min(Math.max(BLOCK, length), this.size - position));
        const { bytesRead } = await this.handle.read(block, 0, block.length, position);
        this.block = block.subarray(0, bytesRead);
        this.blockStart = position;
        return this.block.subarray(0, Math.min(length, bytesRead));
    }
}
/** Resolves when the stream drains or closes (destroyed after a failure), leaving no listener behind. */
function drained(stream) {
    return new Promise(resolve => {
        const done = () => {
            stream.off('drain', done);
            stream.off('close', done);
            resolve();
        };
        stream.on('drain', done);
        stream.on('close', done);
    });
}

;// CONCATENATED MODULE: ./src/read/read-wheel.ts











/** Files read whole whatever their size: the wheel's own description of itself. */
const DIST_INFO_FILE = /^[^/]+\.dist-info\/(?:METADATA|WHEEL|RECORD|entry_points\.txt)$/;
/**
 * An entry that inflates past this ratio and size is refused before it is read: deflate's own limit is
 * about 1,032:1, which only a file of one repeated byte reaches, never a real module or data file.
 */
const BOMB_RATIO = 500;
const BOMB_MIN_BYTES = 64 * 1024 ** 2;
const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;
const S_IFDIR = 0o040000;
/**
 * Reads a wheel: the central directory first (sizes, names, overlaps are checked before one byte is
 * inflated), then each entry as a stream, hashed and kept as text when small, as for an sdist.
 */
async function readWheel(file, limits, retention) {
    const handle = await (0,promises_.open)(file, 'r');
    try {
        const size = (await handle.stat()).size;
        const listed = await listEntries(await openZip(handle, size, file), file, limits);
        const data = new ZipData(handle, size);
        const reader = new WheelEntries(file, limits, retention);
        for (const entry of listed) {
            await reader.read(data, entry);
            await retention?.keeper.pace?.(retention.side, entry.uncompressedSize);
        }
        return { ...reader.finish(), sha256: await fileSha256(file) };
    }
    finally {
        retention?.keeper.finish?.(retention.side);
        await handle.close();
    }
}
async function openZip(handle, size, file) {
    try {
        return await yauzl.fromRandomAccessReaderPromise(new BlockReader(handle, size), size, {
            lazyEntries: true,
            autoClose: false,
            decodeStrings: false,
            validateEntrySizes: true
        });
    }
    catch (error) {
        throw new types/* SdistError */.a(file, `corrupt zip archive (${error.message})`);
    }
}
/** The central directory, checked as a whole: entry count, total size, ratio and overlapping entries. */
async function listEntries(zip, file, limits) {
    if (zip.entryCount > limits.maxEntries)
        throw new types/* SdistError */.a(file, `holds more than ${limits.maxEntries} entries; refused at that cap`);
    const entries = [];
    await new Promise((resolve, reject) => {
        zip.on('entry', (entry) => {
            entries.push(entry);
            zip.readEntry();
        });
        zip.once('end', resolve);
        zip.once('error', reject);
        zip.readEntry();
    }).catch((error) => {
        throw new types/* SdistError */.a(file, `corrupt zip archive (${error.message})`);
    });
    const total = entries.reduce((sum, e) => sum + e.uncompressedSize, 0);
    if (total > limits.maxUnpackedBytes) {
        const mib = Math.round(limits.maxUnpackedBytes / 1024 ** 2);
        throw new types/* SdistError */.a(file, `expands to more than ${mib} MiB uncompressed (a zip bomb?); refused at the ${mib} MiB cap`);
    }
    for (const entry of entries) {
        if (entry.uncompressedSize > BOMB_MIN_BYTES &&
            entry.uncompressedSize > BOMB_RATIO * Math.max(entry.compressedSize, 1))
            throw new types/* SdistError */.a(file, `${nameOf(entry)} inflates ${Math.round(entry.uncompressedSize / Math.max(entry.compressedSize, 1))}:1 (a zip bomb?); refused`);
    }
    refuseOverlaps(entries, file);
    // In stored order: the data is then read in one pass.
    return entries.sort((a, b) => a.relativeOffsetOfLocalHeader - b.relativeOffsetOfLocalHeader);
}
/** Entries whose data overlap reuse the same bytes many times over: the non-recursive zip bomb. */
function refuseOverlaps(entries, file) {
    const byOffset = [...entries].sort((a, b) => a.relativeOffsetOfLocalHeader - b.relativeOffsetOfLocalHeader);
    for (let i = 1; i < byOffset.length; i++) {
        const before = byOffset[i - 1];
        const after = byOffset[i];
        const end = before.relativeOffsetOfLocalHeader + 30 + before.fileNameLength + before.compressedSize;
        if (end > after.relativeOffsetOfLocalHeader)
            throw new types/* SdistError */.a(file, `entries ${nameOf(before)} and ${nameOf(after)} overlap in the archive (a zip bomb?); refused`);
    }
}
function nameOf(entry) {
    return JSON.stringify(decodeName(entry));
}
/** Names are UTF-8 in wheels (and flagged so by bit 11); anything else is read as Latin-1 and flagged. */
function decodeName(entry) {
    const raw = entry.fileName;
    return (0,decode_text/* decodeText */.g)(raw);
}
class WheelEntries {
    file;
    limits;
    retention;
    entries = new Map();
    unsafe = [];
    /** Raw bytes of the dist-info files, read whole. */
    distInfo = new Map();
    constructor(file, limits, retention) {
        this.file = file;
        this.limits = limits;
        this.retention = retention;
    }
    async read(data, zipEntry) {
        const name = decodeName(zipEntry);
        const path = this.place(name);
        if (path === undefined)
            return;
        const mode = zipEntry.externalFileAttributes >>> 16;
        const isDir = name.endsWith('/') || (mode & S_IFMT) === S_IFDIR;
        if (isDir)
            return this.add({
                path,
                type: 'dir',
                mode: mode & 0o7777,
                size: 0,
                sha256: '',
                binary: false
            });
        if (zipEntry.isEncrypted())
            return this.flag(path, 'encrypted entry, not read');
        if ((mode & S_IFMT) === S_IFLNK)
            this.flag(path, 'symlink entry: installers write it as a file holding the target');
        const wholeFile = DIST_INFO_FILE.test(path);
        const keepText = wholeFile || zipEntry.uncompressedSize <= this.limits.textCapBytes;
        const hash = (0,external_node_crypto_.createHash)('sha256');
        const chunks = [];
        let size = 0;
        try {
            // Each entry is held to its declared size, and their sum to the cap: the total cannot pass it.
            await data.read(zipEntry, chunk => {
                hash.update(chunk);
                size += chunk.length;
                if (keepText)
                    chunks.push(chunk);
            });
        }
        catch (error) {
            throw new types/* SdistError */.a(this.file, `zip entry ${JSON.stringify(name)}: ${error.message}; refused`);
        }
        const sha256 = hash.digest('hex');
        if (wholeFile)
            this.distInfo.set(path, Buffer.concat(chunks));
        const keep = keepText && !this.retention?.keeper.matched?.(this.retention.side, path, sha256);
        const binary = keepText && chunks.some(chunk => chunk.includes(0));
        const content = keep && !binary ? Buffer.concat(chunks) : undefined;
        this.add({
            path,
            type: 'file',
            mode: mode & 0o7777 || 0o644,
            size,
            sha256,
            binary,
            ...(content !== undefined && { content })
        });
    }
    finish() {
        const metadata = [...this.distInfo.keys()].filter(p => p.endsWith('.dist-info/METADATA'));
        if (metadata.length === 0)
            throw new types/* SdistError */.a(this.file, 'a zip archive with no *.dist-info/METADATA: not a wheel (an sdist is a .tar.gz file, PEP 625)');
        if (metadata.length > 1)
            this.flag(metadata[1], `second .dist-info folder beside ${metadata[0]}`);
        const distInfo = metadata[0].slice(0, -'/METADATA'.length);
        const wheelFile = this.distInfo.get(`${distInfo}/WHEEL`);
        const record = this.distInfo.get(`${distInfo}/RECORD`);
        const parsed = wheelFile ? parseWheelFile((0,decode_text/* decodeText */.g)(wheelFile)) : { tags: [] };
        if (!parsed.tags.length)
            parsed.tags = (0,wheel_tags/* tagsFromFilename */.lM)((0,external_node_path_.basename)(this.file));
        const recordProblems = record
            ? checkRecord((0,decode_text/* decodeText */.g)(record), distInfo, this.entries)
            : [{ path: `${distInfo}/RECORD`, problem: 'the wheel has no RECORD' }];
        if (!wheelFile)
            recordProblems.push({ path: `${distInfo}/WHEEL`, problem: 'the wheel has no WHEEL file' });
        return {
            file: this.file,
            root: '',
            entries: this.entries,
            unsafe: this.unsafe,
            wheel: { distInfo, ...parsed, recordProblems }
        };
    }
    /** The install path of an entry, or undefined (flagged) when an extractor would write it elsewhere. */
    place(name) {
        if (name.startsWith('/') || name.startsWith('\\') || /^[A-Za-z]:/.test(name)) {
            this.flag(name, 'absolute path');
            return undefined;
        }
        const segments = name.split(/[/\\]/).filter(s => s !== '' && s !== '.');
        if (segments.includes('..')) {
            this.flag(name, 'path with ".." segment');
            return undefined;
        }
        if (segments.length === 0) {
            this.flag(name, 'empty path');
            return undefined;
        }
        const path = segments.join('/');
        if (name.includes('\\'))
            this.flag(path, 'backslash in the file name');
        if ((0,entry_path/* hasControlCharacters */.Kg)(path))
            this.flag(path, 'control characters in the file name');
        if (path.includes('\uFFFD'))
            this.flag(path, 'file name is not valid UTF-8');
        return path;
    }
    add(entry) {
        if (this.entries.has(entry.path))
            this.flag(entry.path, 'duplicate entry: extraction would overwrite it');
        this.entries.set(entry.path, entry);
        this.retention?.keeper.track(this.retention.side, entry);
    }
    flag(path, reason) {
        this.unsafe.push({ path, reason });
    }
}
async function fileSha256(file) {
    const hash = (0,external_node_crypto_.createHash)('sha256');
    for await (const chunk of (0,external_node_fs_.createReadStream)(file, {
        highWaterMark: 1 << 20
    }))
        hash.update(chunk);
    return hash.digest('hex');
}


/***/ })

};

//# sourceMappingURL=494.index.js.map