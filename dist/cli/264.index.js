export const id = 264;
export const ids = [264];
export const modules = {

/***/ 2264:
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
// EXTERNAL MODULE: ./src/read/decode-text.ts + 1 modules
var decode_text = __webpack_require__(2774);
// EXTERNAL MODULE: ./src/read/keeping.ts + 1 modules
var keeping = __webpack_require__(6757);
// EXTERNAL MODULE: external "node:zlib"
var external_node_zlib_ = __webpack_require__(8522);
;// CONCATENATED MODULE: ./src/read/zip-directory.ts

/**
 * A wheel's central directory as Python's zipfile reads it (pip installs what zipfile reads), and
 * what readers that follow the end record's offset would read instead. Written here because no
 * JavaScript reader finds the directory as zipfile does: zipfile reads the `size` bytes just before
 * the end record and shifts every offset by how far that is from where the end record says ("concat").
 */
const END = 0x06054b50;
const END64 = 0x06064b50;
const LOCATOR64 = 0x07064b50;
const CENTRAL = 0x02014b50;
const END_SIZE = 22;
const END64_SIZE = 56;
const LOCATOR64_SIZE = 20;
const CENTRAL_SIZE = 46;
/** zipfile 3.11 searches this far before the last 22 bytes (1 << 16). */
const COMMENT_SEARCH = 1 << 16;
/** zipfile refuses entries needing a later version (`MAX_EXTRACT_VERSION`). */
const MAX_EXTRACT_VERSION = 63;
const UTF8_FLAG = 1 << 11;
/** TextDecoder has no cp437, zipfile's encoding for names not flagged UTF-8: bytes 0x80–0xFF. */
const CP437_HIGH = 'ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜ¢£¥₧ƒáíóúñÑªº¿⌐¬½¼¡«»░▒▓│┤╡╢╖╕╣║╗╝╜╛┐└┴┬├─┼╞╟╚╔╩╦╠═╬╧╨╤╥╙╘╒╓╫╪┘┌█▄▌▐▀αßΓπΣσµτΦΘΩδ∞φε∩≡±≥≤⌠⌡÷≈°∙·√ⁿ²■\u00a0';
const utf8 = new TextDecoder('utf-8', { fatal: true });
/** A zip that zipfile itself would not open or read: pip fails on it. */
class ZipfileError extends Error {
}
/** zipfile's name decoding: strict UTF-8 under flag bit 11 (an error fails the open), else cp437. */
function decodeZipName(raw, flags) {
    if (flags & UTF8_FLAG) {
        try {
            return utf8.decode(raw);
        }
        catch {
            throw new ZipfileError('a name flagged UTF-8 is not valid UTF-8 (zipfile fails to open it)');
        }
    }
    let name = '';
    for (const byte of raw)
        name += byte < 0x80 ? String.fromCharCode(byte) : CP437_HIGH[byte - 0x80];
    return name;
}
/** Reads the central directory as zipfile's `_RealGetContents` does, at most `maxEntries` of it. */
async function readZipDirectory(handle, size, maxEntries) {
    const end = await endRecord(handle, size);
    const start = end.location - end.size - (end.zip64 ? END64_SIZE + LOCATOR64_SIZE : 0);
    if (start < 0)
        throw new ZipfileError('bad offset for central directory');
    const concat = start - end.offset;
    const region = await bytes(handle, start, Math.min(end.size, size - start));
    const { entries, consumed } = parseDirectory(region, end.size, concat, maxEntries);
    const ambiguities = [...end.notes];
    let offsetEntries;
    if (concat !== 0) {
        offsetEntries = await directoryAtOffset(handle, size, end, maxEntries);
        ambiguities.push(offsetEntries
            ? `two central directories: the end record's offset points at one at byte ${end.offset} (${offsetEntries.length} entries), zipfile reads the one at byte ${start} (${entries.length} entries) from the end record's position and size`
            : `${concat > 0 ? concat : -concat} bytes ${concat > 0 ? 'before the zip' : 'missing from its start'}: zipfile reads the central directory at byte ${start} and shifts every offset by ${concat}; readers that follow the end record's offset (${end.offset}) find no central directory there`);
    }
    if (consumed !== end.size)
        ambiguities.push(`the central directory's records take ${consumed} bytes, the end record says ${end.size}`);
    if (end.entriesTotal !== entries.length || end.entriesThisDisk !== entries.length)
        ambiguities.push(`the end record counts ${end.entriesTotal} entries, its central directory holds ${entries.length}: readers that count read other entries`);
    if (end.diskNumber !== 0 || end.diskStart !== 0)
        ambiguities.push('the end record names another disk: other readers refuse it');
    return { entries, start, ambiguities, ...(offsetEntries && { offsetEntries }) };
}
/** zipfile's `_EndRecData` and `_EndRecData64`, with what other readers would find instead. */
async function endRecord(handle, size) {
    if (size < END_SIZE)
        throw new ZipfileError('file is not a zip file');
    const last = await bytes(handle, size - END_SIZE, END_SIZE);
    let location;
    if (last.readUInt32LE(0) === END && last.readUInt16LE(20) === 0) {
        location = size - END_SIZE;
    }
    else {
        const from = Math.max(size - COMMENT_SEARCH - END_SIZE, 0);
        const tail = await bytes(handle, from, size - from);
        const at = tail.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
        if (at < 0 || tail.length - at < END_SIZE)
            throw new ZipfileError('file is not a zip file');
        location = from + at;
    }
    const record = await bytes(handle, location, END_SIZE);
    const end = {
        location,
        zip64: false,
        diskNumber: record.readUInt16LE(4),
        diskStart: record.readUInt16LE(6),
        entriesThisDisk: record.readUInt16LE(8),
        entriesTotal: record.readUInt16LE(10),
        size: record.readUInt32LE(12),
        offset: record.readUInt32LE(16),
        commentLength: record.readUInt16LE(20),
        trailing: size - location - END_SIZE,
        notes: []
    };
    if (end.commentLength !== end.trailing)
        end.notes.push(`the end record's comment is ${end.commentLength} bytes but ${end.trailing} follow it: readers that search for the end record differently find another`);
    const from = Math.max(size - COMMENT_SEARCH - END_SIZE, 0);
    const tail = await bytes(handle, from, size - from);
    const signature = Buffer.from([0x50, 0x4b, 0x05, 0x06]);
    for (let at = tail.indexOf(signature); at >= 0 && from + at < location; at = tail.indexOf(signature, at + 1))
        if (at + END_SIZE <= tail.length && tail.readUInt16LE(at + 20) === tail.length - at - END_SIZE)
            end.notes.push(`a second end record at byte ${from + at}, whose comment holds the one zipfile reads at byte ${location}: readers that take the first read another central directory`);
    await applyZip64(handle, end);
    return end;
}
async function applyZip64(handle, end) {
    if (end.location < LOCATOR64_SIZE)
        return;
    const locator = await bytes(handle, end.location - LOCATOR64_SIZE, LOCATOR64_SIZE);
    if (locator.readUInt32LE(0) !== LOCATOR64)
        return;
    if (locator.readUInt32LE(4) !== 0 || locator.readUInt32LE(16) > 1)
        throw new ZipfileError('zipfiles that span multiple disks are not supported');
    const at = end.location - LOCATOR64_SIZE - END64_SIZE;
    if (at < 0)
        throw new ZipfileError('file is not a zip file');
    const record = await bytes(handle, at, END64_SIZE);
    if (record.readUInt32LE(0) !== END64) {
        end.notes.push('a zip64 locator without its zip64 end record: zipfile reads the 32-bit end record, zip64 readers refuse');
        return;
    }
    const stated = Number(locator.readBigUInt64LE(8));
    if (stated !== at)
        end.notes.push(`the zip64 locator points at byte ${stated}, zipfile reads the zip64 end record at byte ${at}`);
    const zip64 = {
        diskNumber: record.readUInt32LE(16),
        diskStart: record.readUInt32LE(20),
        entriesThisDisk: Number(record.readBigUInt64LE(24)),
        entriesTotal: Number(record.readBigUInt64LE(32)),
        size: Number(record.readBigUInt64LE(40)),
        offset: Number(record.readBigUInt64LE(48))
    };
    const sentinel = {
        entriesThisDisk: 0xffff,
        entriesTotal: 0xffff,
        size: 0xffffffff,
        offset: 0xffffffff
    };
    for (const field of ['entriesThisDisk', 'entriesTotal', 'size', 'offset'])
        if (end[field] !== sentinel[field] && end[field] !== zip64[field])
            end.notes.push(`the zip64 end record's ${field} (${zip64[field]}) contradicts the end record's (${end[field]}): readers that trust the 32-bit record read another directory`);
    Object.assign(end, zip64, { zip64: true });
}
/** The records of a central directory, read as zipfile reads them (short reads are not errors). */
function parseDirectory(region, declared, concat, maxEntries, count) {
    const entries = [];
    let at = 0;
    const take = (n) => {
        const piece = region.subarray(at, at + n);
        at += piece.length;
        return piece;
    };
    let total = 0;
    while (count === undefined ? total < declared : entries.length < count) {
        if (entries.length >= maxEntries)
            throw new TooManyEntries(maxEntries);
        const record = take(CENTRAL_SIZE);
        if (record.length !== CENTRAL_SIZE)
            throw new ZipfileError('truncated central directory');
        if (record.readUInt32LE(0) !== CENTRAL)
            throw new ZipfileError('bad magic number for central directory');
        const nameLength = record.readUInt16LE(28);
        const extraLength = record.readUInt16LE(30);
        const commentLength = record.readUInt16LE(32);
        const flags = record.readUInt16LE(8);
        const rawName = Buffer.from(take(nameLength));
        const extra = take(extraLength);
        take(commentLength);
        if (record[6] !== undefined && record[6] > MAX_EXTRACT_VERSION)
            throw new ZipfileError(`zip file version ${record[6] / 10}`);
        const origName = decodeZipName(rawName, flags);
        const entry = {
            index: entries.length,
            rawName,
            origName,
            name: origName.includes('\0') ? origName.slice(0, origName.indexOf('\0')) : origName,
            flags,
            method: record.readUInt16LE(10),
            crc: record.readUInt32LE(16),
            compressedSize: record.readUInt32LE(20),
            uncompressedSize: record.readUInt32LE(24),
            headerOffset: record.readUInt32LE(42),
            externalAttributes: record.readUInt32LE(38),
            otherNames: []
        };
        if (entry.name !== origName)
            entry.otherNames.push(origName);
        decodeExtra(entry, extra);
        entry.headerOffset += concat;
        entries.push(entry);
        total += CENTRAL_SIZE + nameLength + extraLength + commentLength;
    }
    return { entries, consumed: total };
}
/** zipfile's `_decodeExtra`: zip64 sizes and offset; a Unicode path field newer zipfiles honour. */
function decodeExtra(entry, extra) {
    let rest = extra;
    while (rest.length >= 4) {
        const type = rest.readUInt16LE(0);
        const length = rest.readUInt16LE(2);
        if (length + 4 > rest.length)
            throw new ZipfileError(`corrupt extra field ${type.toString(16).padStart(4, '0')}`);
        let data = rest.subarray(4, length + 4);
        const next64 = (field) => {
            if (data.length < 8)
                throw new ZipfileError(`corrupt zip64 extra field: ${field} not found`);
            const value = Number(data.readBigUInt64LE(0));
            data = data.subarray(8);
            return value;
        };
        if (type === 0x0001) {
            // zipfile also takes 2**64 - 1, which only an earlier zip64 field can have set.
            if (entry.uncompressedSize === 0xffffffff || entry.uncompressedSize === 2 ** 64)
                entry.uncompressedSize = next64('file size');
            if (entry.compressedSize === 0xffffffff)
                entry.compressedSize = next64('compress size');
            if (entry.headerOffset === 0xffffffff)
                entry.headerOffset = next64('header offset');
        }
        else if (type === 0x7075 && data.length >= 5 && data[0] === 1) {
            if (data.readUInt32LE(1) === (0,external_node_zlib_.crc32)(entry.rawName) >>> 0) {
                const unicode = data.subarray(5).toString('utf8');
                if (unicode !== entry.name)
                    entry.otherNames.push(unicode);
            }
        }
        rest = rest.subarray(length + 4);
    }
}
/** The directory a reader following the end record's stored offset and count would read, if any. */
async function directoryAtOffset(handle, size, end, maxEntries) {
    if (end.offset >= size)
        return undefined;
    try {
        const region = await bytes(handle, end.offset, Math.min(end.size, size - end.offset));
        return parseDirectory(region, end.size, 0, maxEntries, end.entriesTotal).entries;
    }
    catch {
        return undefined;
    }
}
class TooManyEntries extends Error {
    cap;
    constructor(cap) {
        super(`holds more than ${cap} entries; refused at that cap`);
        this.cap = cap;
    }
}
async function bytes(handle, from, length) {
    const buffer = Buffer.alloc(Math.max(length, 0));
    let done = 0;
    while (done < buffer.length) {
        const { bytesRead } = await handle.read(buffer, done, buffer.length - done, from + done);
        if (bytesRead === 0)
            break;
        done += bytesRead;
    }
    return buffer.subarray(0, done);
}

;// CONCATENATED MODULE: ./src/read/zip-data.ts


/** Reads ahead in blocks of this size; larger entries are inflated as a stream in pieces of it. */
const BLOCK = 1 << 18;
/**
 * The file data of zip entries, read in one sequential pass in the order they are stored.
 * Written here rather than with per-entry streams: those cost a random read and a stream per entry,
 * three times the time of the whole read on a wheel of 5,000 entries.
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
     * The entry's local header as zipfile's `open()` checks it (signature, name), and where its data
     * starts; `notes` say where readers that trust local headers would read something else.
     */
    async localHeader(entry) {
        const offset = entry.headerOffset;
        const header = await this.range(offset, 30);
        if (header.readUInt32LE(0) !== 0x04034b50)
            throw new Error('no local file header at its offset');
        const flags = header.readUInt16LE(6);
        const nameLength = header.readUInt16LE(26);
        const extraLength = header.readUInt16LE(28);
        const raw = Buffer.from(await this.range(offset + 30, nameLength));
        let name;
        try {
            name = decodeZipName(raw, flags);
        }
        catch (error) {
            throw new Error(`its local header's name: ${error.message}`);
        }
        if (name !== entry.origName)
            throw new Error(`its local header names it ${JSON.stringify(name)}: extractors would disagree on its name`);
        if (entry.flags & 0x60)
            throw new Error('compressed patched data or strong encryption (flag bits 5, 6): zipfile cannot read it');
        const notes = [];
        if (!raw.equals(entry.rawName))
            notes.push('its local header spells its name in other bytes');
        const method = header.readUInt16LE(8);
        if (method !== entry.method)
            notes.push(`its local header says compression method ${method}, the central directory ${entry.method}`);
        const local = {
            crc: header.readUInt32LE(14),
            compressedSize: header.readUInt32LE(18),
            uncompressedSize: header.readUInt32LE(22)
        };
        const described = !(flags & 0x08) && local.compressedSize !== 0xffffffff;
        if (described &&
            ['crc', 'compressedSize', 'uncompressedSize'].some(f => local[f] !== entry[f]))
            notes.push(`its local header says ${local.uncompressedSize} bytes (CRC ${hex(local.crc)}), the central directory ${entry.uncompressedSize} (CRC ${hex(entry.crc)}): readers that stream local headers read other bytes`);
        return { start: offset + 30 + nameLength + extraLength, notes };
    }
    /**
     * The bytes of an entry whose data starts at `start`, passed to `onChunk` in order. Throws with the
     * reason when the sizes or the CRC-32 contradict the central directory.
     */
    async read(entry, start, onChunk) {
        let crc = 0;
        let size = 0;
        const take = (chunk) => {
            size += chunk.length;
            if (size > entry.uncompressedSize)
                throw new Error(`inflates past the ${entry.uncompressedSize} bytes the central directory declares (a zip bomb?)`);
            crc = (0,external_node_zlib_.crc32)(chunk, crc);
            onChunk(chunk);
        };
        if (entry.method === 0) {
            if (entry.compressedSize !== entry.uncompressedSize)
                throw new Error('a stored entry whose sizes differ');
            for (let at = 0; at < entry.compressedSize; at += BLOCK)
                take(await this.range(start + at, Math.min(BLOCK, entry.compressedSize - at)));
        }
        else if (entry.method === 8) {
            await this.inflate(entry, start, take);
        }
        else {
            throw new Error(`compression method ${entry.method} (wheels use deflate or none)`);
        }
        if (size !== entry.uncompressedSize)
            throw new Error(`holds ${size} bytes, the central directory says ${entry.uncompressedSize}`);
        if (crc >>> 0 !== entry.crc >>> 0)
            throw new Error('CRC-32 mismatch: the data is damaged');
    }
    /** Where the first local header signature in [from, to) is, if any: an entry no directory lists. */
    async findLocalHeader(from, to) {
        const signature = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
        for (let at = Math.max(from, this.windowStart); at < to; at += BLOCK) {
            const piece = await this.range(at, Math.min(BLOCK + 3, to - at, this.size - at));
            const found = piece.indexOf(signature);
            if (found >= 0 && at + found + 4 <= to)
                return at + found;
        }
        return undefined;
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
function hex(n) {
    return (n >>> 0).toString(16).padStart(8, '0');
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
const read_wheel_UTF8_FLAG = 1 << 11;
/**
 * Reads a wheel as pip installs it: the central directory as Python's zipfile finds it (sizes, names,
 * overlaps are checked before one byte is inflated), then each entry as a stream, hashed and kept as
 * text when small, as for an sdist. Where other readers would see another archive, that is flagged.
 */
async function readWheel(file, limits, retention) {
    const handle = await (0,promises_.open)(file, 'r');
    try {
        const size = (await handle.stat()).size;
        const directory = await openZip(handle, size, file, limits);
        const listed = listEntries(directory, file, limits);
        const data = new ZipData(handle, size);
        const reader = new WheelEntries(file, limits, retention);
        reader.compareDirectories(directory);
        let covered = 0;
        for (const [i, entry] of listed.entries()) {
            await reader.unlisted(data, covered, entry.headerOffset);
            const end = listed[i + 1]?.headerOffset ?? directory.start;
            covered = await reader.read(data, entry, end);
            await retention?.keeper.pace?.(retention.side, entry.uncompressedSize);
        }
        await reader.unlisted(data, covered, directory.start);
        return { ...reader.finish(), sha256: await fileSha256(file) };
    }
    finally {
        retention?.keeper.finish?.(retention.side);
        await handle.close();
    }
}
async function openZip(handle, size, file, limits) {
    try {
        return await readZipDirectory(handle, size, limits.maxEntries);
    }
    catch (error) {
        if (error instanceof TooManyEntries)
            throw new types/* ArchiveError */.d(file, error.message);
        if (error instanceof ZipfileError)
            throw new types/* ArchiveError */.d(file, `corrupt zip archive (${error.message})`);
        throw error;
    }
}
/** The central directory, checked as a whole: total size and ratio; in stored order. */
function listEntries(directory, file, limits) {
    const entries = directory.entries;
    const total = entries.reduce((sum, e) => sum + e.uncompressedSize, 0);
    if (total > limits.maxUnpackedBytes) {
        const mib = Math.round(limits.maxUnpackedBytes / 1024 ** 2);
        throw new types/* ArchiveError */.d(file, `expands to more than ${mib} MiB uncompressed (a zip bomb?); refused at the ${mib} MiB cap`);
    }
    for (const entry of entries) {
        if (entry.uncompressedSize > BOMB_MIN_BYTES &&
            entry.uncompressedSize > BOMB_RATIO * Math.max(entry.compressedSize, 1))
            throw new types/* ArchiveError */.d(file, `${nameOf(entry)} inflates ${Math.round(entry.uncompressedSize / Math.max(entry.compressedSize, 1))}:1 (a zip bomb?); refused`);
    }
    // In stored order: the data is then read in one pass, and each entry must end where the next begins.
    return [...entries].sort((a, b) => a.headerOffset - b.headerOffset || a.index - b.index);
}
function nameOf(entry) {
    return JSON.stringify(entry.name);
}
class WheelEntries {
    file;
    limits;
    retention;
    entries = new Map();
    /** The central-directory position of the entry each path holds: pip installs the last one listed. */
    holder = new Map();
    unsafe = [];
    /** Raw bytes of the dist-info files, read whole. */
    distInfo = new Map();
    constructor(file, limits, retention) {
        this.file = file;
        this.limits = limits;
        this.retention = retention;
    }
    /** The end record's own offset and counts against the directory zipfile reads: each difference flagged. */
    compareDirectories(directory) {
        for (const note of directory.ambiguities)
            this.flag((0,external_node_path_.basename)(this.file), note);
        const other = directory.offsetEntries;
        if (!other)
            return;
        const where = (e) => `local header at byte ${e.headerOffset}, ${e.uncompressedSize} bytes, CRC ${read_wheel_hex(e.crc)}`;
        const theirs = new Map(other.map(e => [e.name, e]));
        const ours = new Map(directory.entries.map(e => [e.name, e]));
        for (const [name, entry] of ours) {
            const seen = theirs.get(name);
            if (!seen)
                this.flag(name, `pip installs it (${where(entry)}); the central directory the end record's offset points at does not list it`);
            else if (where(seen) !== where(entry) || seen.method !== entry.method)
                this.flag(name, `pip installs what zipfile reads (${where(entry)}); the central directory the end record's offset points at gives other bytes (${where(seen)})`);
        }
        for (const [name, entry] of theirs)
            if (!ours.has(name))
                this.flag(name, `listed only in the central directory the end record's offset points at (${where(entry)}): other readers show it, pip does not install it`);
    }
    /** A local header between the listed entries: streaming readers install it, pip does not. */
    async unlisted(data, from, to) {
        const at = await data.findLocalHeader(from, to);
        if (at !== undefined)
            this.flag((0,external_node_path_.basename)(this.file), `a local file header at byte ${at} that the central directory does not list: readers that stream local headers install it, pip does not`);
    }
    /**
     * Reads one entry, whose data must end by `end` (the next local header or the directory); returns
     * where its data ends.
     */
    async read(data, zipEntry, end) {
        const name = zipEntry.name;
        let start;
        try {
            const header = await data.localHeader(zipEntry);
            start = header.start;
            if (start + zipEntry.compressedSize > end)
                throw new Error('its data runs into the next entry or the central directory: entries overlap in the archive (a zip bomb?)');
            for (const note of header.notes)
                this.flag(name, note);
        }
        catch (error) {
            throw this.refusal(name, error);
        }
        for (const other of zipEntry.otherNames)
            this.flag(name, `other readers name it ${JSON.stringify(other)}; zipfile installs it as ${JSON.stringify(name)}`);
        await this.content(data, zipEntry, start);
        return start + zipEntry.compressedSize;
    }
    /** The entry at its install path, its data read from `start`. */
    async content(data, zipEntry, start) {
        const name = zipEntry.name;
        const path = this.place(name, zipEntry);
        if (path === undefined)
            return;
        const mode = zipEntry.externalAttributes >>> 16;
        // pip skips names ending in "/" and writes every other entry as a file, whatever its mode.
        if (name.endsWith('/')) {
            this.add({ path, type: 'dir', mode: mode & 0o7777, size: 0, sha256: '', binary: false }, zipEntry.index);
            return;
        }
        if ((mode & S_IFMT) === S_IFDIR)
            this.flag(path, 'folder mode on an entry whose name does not end in "/": pip installs it as a file');
        if (zipEntry.flags & 0x01)
            return this.flag(path, 'encrypted entry, not read');
        if ((mode & S_IFMT) === S_IFLNK)
            this.flag(path, 'symlink entry: installers write it as a file holding the target');
        const wholeFile = DIST_INFO_FILE.test(path);
        const kept = wholeFile ? 'text' : (0,keeping/* keeping */.sn)(zipEntry.uncompressedSize, this.limits);
        const keepText = kept === 'text';
        const hash = (0,external_node_crypto_.createHash)('sha256');
        const chunks = [];
        let size = 0;
        try {
            // Each entry is held to its declared size, and their sum to the cap: the total cannot pass it.
            await data.read(zipEntry, start, chunk => {
                hash.update(chunk);
                size += chunk.length;
                if (kept)
                    chunks.push(chunk);
            });
        }
        catch (error) {
            throw this.refusal(name, error);
        }
        const sha256 = hash.digest('hex');
        const entry = {
            path,
            type: 'file',
            mode: mode & 0o7777 || 0o644,
            size,
            sha256,
            binary: false
        };
        if (!this.add(entry, zipEntry.index))
            return;
        if (wholeFile)
            this.distInfo.set(path, Buffer.concat(chunks));
        const keep = kept && !this.retention?.keeper.matched?.(this.retention.side, path, sha256);
        entry.binary = keepText && chunks.some(chunk => chunk.includes(0));
        if (keep && keepText)
            entry.content = Buffer.concat(chunks);
        else if (keep)
            entry.scanContent = Buffer.concat(chunks);
        if (keepText)
            (0,keeping/* noteMentions */.EW)(entry, this.retention?.side, chunks);
        this.retention?.keeper.track(this.retention.side, entry);
    }
    finish() {
        const metadata = [...this.distInfo.keys()].filter(p => p.endsWith('.dist-info/METADATA'));
        if (metadata.length === 0)
            throw new types/* ArchiveError */.d(this.file, 'a zip archive with no *.dist-info/METADATA: not a wheel (an sdist is a .tar.gz file, PEP 625)');
        if (metadata.length > 1)
            this.flag(metadata[1], `second .dist-info folder beside ${metadata[0]}`);
        const distInfo = metadata[0].slice(0, -'/METADATA'.length);
        const wheelFile = this.distInfo.get(`${distInfo}/WHEEL`);
        const record = this.distInfo.get(`${distInfo}/RECORD`);
        const parsed = wheelFile ? parseWheelFile((0,decode_text/* decodeText */.g7)(wheelFile)) : { tags: [] };
        if (!parsed.tags.length)
            parsed.tags = (0,wheel_tags/* tagsFromFilename */.lM)((0,external_node_path_.basename)(this.file));
        const recordProblems = record
            ? checkRecord((0,decode_text/* decodeText */.g7)(record), distInfo, this.entries)
            : [{ path: `${distInfo}/RECORD`, problem: 'the wheel has no RECORD' }];
        if (!wheelFile)
            recordProblems.push({ path: `${distInfo}/WHEEL`, problem: 'the wheel has no WHEEL file' });
        return {
            kind: 'wheel',
            file: this.file,
            root: '',
            entries: this.entries,
            unsafe: this.unsafe,
            wheel: { distInfo, ...parsed, recordProblems }
        };
    }
    /**
     * The install path of an entry as pip computes it (`os.path.normpath` under the install folder), or
     * undefined (flagged) when pip would refuse to write it there.
     */
    place(name, entry) {
        if (name.startsWith('/') || name.startsWith('\\') || /^[A-Za-z]:/.test(name)) {
            this.flag(name, 'absolute path');
            return undefined;
        }
        const segments = [];
        for (const segment of name.split(/[/\\]/)) {
            if (segment === '' || segment === '.')
                continue;
            if (segment !== '..')
                segments.push(segment);
            else if (segments.pop() === undefined) {
                this.flag(name, 'path with ".." segment');
                return undefined;
            }
        }
        if (segments.length === 0) {
            this.flag(name, 'empty path');
            return undefined;
        }
        const path = segments.join('/');
        if (name.split(/[/\\]/).includes('..'))
            this.flag(path, `path with ".." segment: pip installs ${JSON.stringify(name)} here`);
        if (name.includes('\\'))
            this.flag(path, `backslash in the file name: pip on Windows installs it here, on Linux and macOS as one file named ${JSON.stringify(name)}`);
        if ((0,entry_path/* hasControlCharacters */.Kg)(path))
            this.flag(path, 'control characters in the file name');
        if (!(entry.flags & read_wheel_UTF8_FLAG) && entry.rawName.some(byte => byte >= 0x80)) {
            const asUtf8 = (0,decode_text/* decodeText */.g7)(entry.rawName);
            this.flag(path, asUtf8 === name
                ? 'file name is not valid UTF-8'
                : `file name is not flagged UTF-8: zipfile installs it as cp437 ${JSON.stringify(name)}, UTF-8 readers as ${JSON.stringify(asUtf8)}`);
        }
        return path;
    }
    /** Adds the entry unless a later-listed file already holds its path; false when it does. */
    add(entry, index) {
        const held = this.entries.get(entry.path);
        if (held) {
            this.flag(entry.path, 'duplicate entry: extraction would overwrite it (pip installs the copy listed last in the central directory)');
            // pip never writes folders, and of two files it writes the later-listed one last.
            const keepHeld = entry.type === 'dir' || (held.type !== 'dir' && (this.holder.get(entry.path) ?? -1) > index);
            if (keepHeld)
                return false;
        }
        this.entries.set(entry.path, entry);
        this.holder.set(entry.path, index);
        if (entry.type === 'dir')
            this.retention?.keeper.track(this.retention.side, entry);
        return true;
    }
    refusal(name, error) {
        return new types/* ArchiveError */.d(this.file, `zip entry ${JSON.stringify(name)}: ${error.message}; refused`);
    }
    flag(path, reason) {
        this.unsafe.push({ path, reason });
    }
}
function read_wheel_hex(n) {
    return (n >>> 0).toString(16).padStart(8, '0');
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

//# sourceMappingURL=264.index.js.map