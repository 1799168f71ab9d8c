export const id = 708;
export const ids = [708];
export const modules = {

/***/ 708:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  pythonBehaviours: () => (/* binding */ pythonBehaviours),
  pythonModule: () => (/* binding */ pythonModule)
});

// EXTERNAL MODULE: ./node_modules/@lezer/python/dist/index.js + 3 modules
var dist = __webpack_require__(3664);
;// CONCATENATED MODULE: ./src/analysis/python-names.ts
/** `import a.b as c` → c: a.b; `import a.b` → a: a; `from x import y as z` → z: x.y. */
function importAliases(top, text) {
    const aliases = new Map();
    top.cursor().iterate(node => {
        if (node.name !== 'ImportStatement')
            return undefined;
        const source = text
            .slice(node.from, node.to)
            .replace(/\s+/g, ' ')
            .replace(/[()\\]/g, '');
        const from = /^from\s+([\w.]+)\s+import\s+(.+)$/.exec(source);
        if (from) {
            for (const part of (from[2] ?? '').split(',')) {
                const [name = '', alias] = part.trim().split(/\s+as\s+/);
                if (name && name !== '*')
                    aliases.set(alias ?? name, `${from[1]}${from[1]?.endsWith('.') ? '' : '.'}${name}`);
            }
        }
        else {
            for (const part of source.replace(/^import\s+/, '').split(',')) {
                const [name = '', alias] = part.trim().split(/\s+as\s+/);
                if (alias)
                    aliases.set(alias, name);
                else if (name)
                    aliases.set(name.split('.')[0] ?? name, name.split('.')[0] ?? name);
            }
        }
        return false;
    });
    return aliases;
}
/** Names bound to the result of a matching call (`payload = base64.b64decode(…)`), anywhere in the file. */
function namesAssignedFrom(top, text, aliases, pattern) {
    const names = new Set();
    top.cursor().iterate(node => {
        if (node.name !== 'AssignStatement')
            return undefined;
        const target = node.node.firstChild;
        const value = node.node.lastChild;
        if (target?.name !== 'VariableName' || !value)
            return undefined;
        let hit = false;
        value.cursor().iterate(inner => {
            if (inner.name === 'CallExpression' &&
                pattern.test(calleeName(inner.node, text, aliases) ?? ''))
                hit = true;
        });
        if (hit)
            names.add(text.slice(target.from, target.to));
        return undefined;
    });
    return names;
}
/** The resolved name of what is called; `(…).write` when only the method is a plain name. */
function calleeName(call, text, aliases) {
    const callee = call.firstChild;
    if (!callee)
        return undefined;
    const name = qualified(callee, text, aliases);
    if (name || callee.name !== 'MemberExpression')
        return name;
    const property = callee.lastChild;
    return property?.name === 'PropertyName'
        ? `(…).${text.slice(property.from, property.to)}`
        : undefined;
}
/** `sp.Popen` → `subprocess.Popen` when `import subprocess as sp`; undefined for anything not a name path. */
function qualified(node, text, aliases) {
    if (node.name === 'VariableName') {
        const name = text.slice(node.from, node.to);
        return aliases.get(name) ?? name;
    }
    if (node.name === 'ParenthesizedExpression') {
        const inner = node.firstChild?.nextSibling;
        return inner ? qualified(inner, text, aliases) : undefined;
    }
    if (node.name === 'CallExpression')
        return importedByName(node, text, aliases);
    if (node.name !== 'MemberExpression')
        return undefined;
    const object = node.firstChild;
    const property = node.lastChild;
    if (!object || property?.name !== 'PropertyName')
        return undefined;
    const head = qualified(object, text, aliases);
    return head ? withoutBuiltins(`${head}.${text.slice(property.from, property.to)}`) : undefined;
}
/** `builtins.exec`, `__builtins__.exec`: the builtin itself. */
const withoutBuiltins = (name) => name.replace(/^(?:builtins|__builtins__)\.(?=\w+$)/, '');
/**
 * What a call with constant strings names as Python runs it: `__import__('zlib')` and
 * `importlib.import_module('zlib')` the module, `getattr(os, 'system')` the attribute.
 */
function importedByName(call, text, aliases) {
    const callee = call.firstChild;
    const args = call.getChild('ArgList');
    if (!callee || !args)
        return undefined;
    const name = qualified(callee, text, aliases);
    const values = args.getChildren('String').map(s => text.slice(s.from, s.to));
    const constant = /^['"]([\w.]+)['"]$/.exec(values[0] ?? '')?.[1];
    if (!constant)
        return undefined;
    // `__import__('a.b')` returns the package `a` unless a fromlist asks for `a.b` itself.
    if (name === '__import__')
        return args.getChildren(',').length ? constant : (constant.split('.')[0] ?? constant);
    if (name === 'importlib.import_module')
        return constant;
    if (name !== 'getattr')
        return undefined;
    const object = args.firstChild?.nextSibling;
    const head = object && qualified(object, text, aliases);
    return head ? withoutBuiltins(`${head}.${constant}`) : undefined;
}
/**
 * `run = subprocess.Popen` and `_ = lambda b: zlib.decompress(b)`: the name stands for what it is bound
 * to (a lambda for the call it makes), in assignment order, so aliases of aliases resolve.
 */
function assignedAliases(top, text, aliases) {
    top.cursor().iterate(node => {
        if (node.name !== 'AssignStatement')
            return undefined;
        const target = node.node.firstChild;
        let value = node.node.lastChild;
        if (target?.name !== 'VariableName' ||
            !value ||
            target.nextSibling?.nextSibling?.from !== value.from)
            return undefined;
        if (value.name === 'LambdaExpression')
            value = value.lastChild;
        const bound = value?.name === 'CallExpression'
            ? (importedByName(value, text, aliases) ?? calleeName(value, text, aliases))
            : value && qualified(value, text, aliases);
        const name = text.slice(target.from, target.to);
        if (bound && bound !== name && /^[\w.]+$/.test(bound))
            aliases.set(name, bound);
        return undefined;
    });
}
function lineAt(text, offset) {
    let line = 1;
    for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1))
        line++;
    return line;
}

;// CONCATENATED MODULE: ./src/analysis/python-patterns.ts
/** The calls python-code.ts classifies, by their names as resolved through imports. */
const DECODERS = /^(?:base64\.\w*decode\w*|codecs\.decode|zlib\.decompress|bz2\.decompress|lzma\.decompress|gzip\.decompress|binascii\.(?:unhexlify|a2b_\w+)|bytes\.fromhex|marshal\.loads)$/;
const EXECUTORS = /^(?:builtins\.)?(?:exec|eval|compile)$/;
const LOADERS = /^(?:marshal\.loads|pickle\.loads|_?pickle\.loads|dill\.loads)$/;
/** Calls that open a connection (not the parsing and quoting helpers beside them: `urllib.request.parse_http_list`). */
const NETWORK = /^(?:urllib\.request\.(?:urlopen|urlretrieve|build_opener|OpenerDirector)|urllib\.urlopen|urllib\.urlretrieve|urllib2\.(?:urlopen|build_opener|OpenerDirector)|(?:http\.client|httplib)\.HTTPS?Connection|socket\.(?:socket|create_connection)|requests\.(?:get|post|put|patch|delete|head|request|Session)|httpx\.(?:get|post|put|patch|delete|head|request|stream|Client|AsyncClient)|aiohttp\.(?:ClientSession|request)|urllib3\.(?:PoolManager|ProxyManager|HTTPS?ConnectionPool|request|connection_from_url|proxy_from_url)|ftplib\.FTP\w*|smtplib\.SMTP\w*|telnetlib\.Telnet)$/;
const PROCESS = /^(?:subprocess\.(?:run|call|Popen|check_output|check_call|getoutput|getstatusoutput)|os\.(?:system|popen|exec\w*|spawn\w*|posix_spawnp?|fork)|pty\.spawn|commands\.getoutput)$/;

;// CONCATENATED MODULE: ./src/analysis/python-flows.ts


/**
 * Fetch-then-run in one flow (a function body, or the module's own statements): downloaded data
 * executed (`exec(urlopen(u).read())`, `data = r.text; exec(data)`), handed to a process, or written
 * to a file that a process then runs (`urlretrieve(url, path); Popen([path])`). The executing call
 * becomes `download-execute`, named `fetch → run`; the flow's network calls are part of it.
 */
function downloadExecutions(found, text, aliases) {
    const fetching = new Map();
    for (const call of found)
        if (call.behaviour === 'network' && !fetching.has(scopeOf(call.node)))
            fetching.set(scopeOf(call.node), call);
    if (!fetching.size)
        return found;
    const runs = new Map();
    for (const fetch of fetching.values()) {
        for (const run of runsOfDownload(scopeNode(fetch.node), text, aliases))
            runs.set(run.node.from, { ...run, name: `${fetch.name} → ${run.name}` });
    }
    if (!runs.size)
        return found;
    const downloading = new Set([...runs.values()].map(run => scopeOf(run.node)));
    const kept = found.filter(call => !runs.has(call.node.from) &&
        !(call.behaviour === 'network' && downloading.has(scopeOf(call.node))));
    return [...kept, ...runs.values()].sort((a, b) => a.node.from - b.node.from);
}
/** The calls of one flow that run what it downloads. */
function runsOfDownload(scope, text, aliases) {
    const fetched = new Set();
    const files = new Map();
    const downloadedTo = [];
    const runs = [];
    const carries = (node) => node ? carriesDownload(node, text, aliases, fetched) : false;
    scope.cursor().iterate(cursor => {
        const node = cursor.node;
        if (node.from !== scope.from && /^(?:FunctionDefinition|ClassDefinition)$/.test(node.name))
            return false;
        if (node.name === 'AssignStatement' ||
            node.name === 'WithStatement' ||
            node.name === 'ForStatement')
            bindNames(node, text, carries, fetched, files);
        if (node.name !== 'CallExpression')
            return undefined;
        const name = calleeName(node, text, aliases) ?? '';
        const args = node.getChild('ArgList');
        const first = args?.firstChild?.nextSibling;
        if (/(?:^|\.)urlretrieve$/.test(name))
            downloadedTo.push(tokens(first?.nextSibling?.nextSibling, text));
        else if (/\.(?:write|write_bytes|write_text)$|^shutil\.copyfileobj$/.test(name) &&
            carries(args))
            downloadedTo.push(writtenFile(node, text, files));
        if ((EXECUTORS.test(name) || LOADERS.test(name)) && carries(first))
            runs.push({ node, name, behaviour: 'download-execute' });
        else if (PROCESS.test(name) &&
            runsDownload(programOf(first, text), text, carries, downloadedTo))
            runs.push({ node, name, behaviour: 'download-execute' });
        return undefined;
    });
    return runs;
}
/** `data = urlopen(u).read()`, `with urlopen(u) as r`, `for chunk in r.iter_content()`; `f = open(path, "wb")`. */
function bindNames(statement, text, carries, fetched, files) {
    const names = statement.getChildren('VariableName');
    const value = statement.name === 'AssignStatement'
        ? statement.lastChild
        : statement.name === 'ForStatement'
            ? statement.getChild('in')?.nextSibling
            : statement.firstChild?.nextSibling;
    const bound = statement.name === 'AssignStatement' ? names.slice(0, 1) : names;
    if (!value || !bound.length)
        return;
    const name = text.slice(bound[0].from, bound[0].to);
    if (carries(value))
        fetched.add(name);
    const opened = value.name === 'CallExpression' &&
        /^(?:io\.)?open$/.test(text.slice(value.from, value.firstChild?.to ?? value.from));
    if (opened)
        files.set(name, tokens(value.getChild('ArgList')?.firstChild?.nextSibling, text));
}
/** Whether an expression holds a network call or a name bound to downloaded data. */
function carriesDownload(node, text, aliases, fetched) {
    let hit = false;
    node.cursor().iterate(inner => {
        if (hit)
            return false;
        if (inner.name === 'VariableName' && fetched.has(text.slice(inner.from, inner.to)))
            hit = true;
        if (inner.name === 'CallExpression' &&
            NETWORK.test(calleeName(inner.node, text, aliases) ?? ''))
            hit = true;
        return undefined;
    });
    return hit;
}
/** The path a write goes to: `f.write(…)` of `f = open(path)`, or `open(path).write(…)`, `Path(p).write_bytes(…)`. */
function writtenFile(call, text, files) {
    const target = call.firstChild?.firstChild;
    if (target?.name === 'VariableName')
        return files.get(text.slice(target.from, target.to)) ?? new Set();
    if (target?.name === 'CallExpression')
        return tokens(target.getChild('ArgList')?.firstChild?.nextSibling, text);
    return new Set();
}
/** The names and string constants of an expression (a path such as `os.path.join(tmp, "bin")`). */
function tokens(node, text) {
    const found = new Set();
    node?.cursor().iterate(inner => {
        if (inner.name === 'VariableName' || inner.name === 'String') {
            const token = text.slice(inner.from, inner.to);
            if (!/^(?:os|self|cls|sys|Path|pathlib)$/.test(token))
                found.add(token);
        }
    });
    return found;
}
const INTERPRETER = /^[rbuRBU]?['"](?:[\w/.]*\/)?(?:sh|bash|zsh|dash|cmd(?:\.exe)?|powershell(?:\.exe)?|pwsh|python[\d.]*|node|perl|ruby)['"]$/;
/**
 * What a process call runs: the first element of an argv list (every element when it is a shell or
 * an interpreter: `["sh", "-c", script]`), or the command string. `["tar", "xf", path]` runs tar.
 */
function programOf(first, text) {
    if (!first)
        return [];
    if (first.name !== 'ArrayExpression' && first.name !== 'TupleExpression')
        return [first];
    const items = [];
    for (let item = first.firstChild; item; item = item.nextSibling)
        if (!/^[[\](),]$/.test(item.name))
            items.push(item);
    const [program] = items;
    if (!program)
        return [];
    if (program.name === 'String' && INTERPRETER.test(text.slice(program.from, program.to)))
        return items;
    if (/^sys\.executable$/.test(text.slice(program.from, program.to)))
        return items;
    return [program];
}
function runsDownload(program, text, carries, files) {
    return program.some(node => carries(node) || sharesToken(node, text, files));
}
function sharesToken(node, text, files) {
    if (!node || !files.length)
        return false;
    const used = tokens(node, text);
    return files.some(file => [...file].some(token => used.has(token)));
}
/** The innermost function a node is in, or the module: where its flow is. */
function scopeNode(node) {
    let top = node;
    for (let at = node.parent; at; at = at.parent) {
        if (at.name === 'FunctionDefinition')
            return at;
        top = at;
    }
    return top;
}
const scopeOf = (node) => {
    const scope = scopeNode(node);
    return scope.name === 'FunctionDefinition' ? scope.from : -1;
};

;// CONCATENATED MODULE: ./src/analysis/python-code.ts




/** The behaviours of one Python file; a file that does not parse is read as far as the parser gets. */
function pythonBehaviours(path, text) {
    return pythonModule(path, text).behaviours;
}
/** A module's behaviours and the calls the call chains follow (see call-chains.ts). */
function pythonModule(path, text) {
    const tree = dist/* parser */.K.parse(text);
    const aliases = importAliases(tree.topNode, text);
    const imported = Object.fromEntries(aliases);
    assignedAliases(tree.topNode, text, aliases);
    const decoded = namesAssignedFrom(tree.topNode, text, aliases, DECODERS);
    const found = [];
    const calls = new Map();
    tree.topNode.cursor().iterate(node => {
        if (node.name !== 'CallExpression')
            return;
        const call = node.node;
        const name = calleeName(call, text, aliases);
        if (!name)
            return;
        const behaviour = classify(call, name, text, aliases, decoded);
        if (behaviour)
            found.push({ node: call, name, behaviour });
        else
            notePackageCall(calls, call, name, text);
    });
    const behaviours = downloadExecutions(found, text, aliases).map(({ node, name, behaviour }) => {
        const within = enclosingFunction(node, text);
        return {
            path,
            line: lineAt(text, node.from),
            behaviour,
            call: name,
            level: runsOnImport(node, text) ? 'module' : 'function',
            ...(within !== undefined && { within })
        };
    });
    const functions = topLevelFunctions(tree.topNode, text);
    return { behaviours, calls: [...calls.values()], functions, imported };
}
/** A call by a plain or dotted name, on import or in a top-level function: the first of each kind. */
function notePackageCall(calls, call, callee, text) {
    if (!/^\.*[A-Za-z_][\w.]*$/.test(callee))
        return;
    const onImport = runsOnImport(call, text);
    const within = onImport ? undefined : enclosingFunction(call, text);
    if (within === undefined && !onImport)
        return;
    const key = `${callee}\0${within ?? ''}`;
    if (!calls.has(key))
        calls.set(key, {
            callee,
            line: lineAt(text, call.from),
            ...(within !== undefined && { within })
        });
}
/**
 * The function a node is in, named as Python's `__qualname__` does: `name`, `Class.name` for a method,
 * `outer.<locals>.inner` for a function defined inside another (which calling `outer` does not run);
 * undefined outside functions (module level, class bodies).
 */
function enclosingFunction(node, text) {
    const names = [];
    let inFunction = false;
    for (let at = node.parent; at; at = at.parent) {
        if (at.name !== 'FunctionDefinition' && at.name !== 'ClassDefinition')
            continue;
        const isFunction = at.name === 'FunctionDefinition';
        if (isFunction && names.length)
            names.unshift('<locals>');
        names.unshift(nameOf(at, text));
        inFunction ||= isFunction;
    }
    return inFunction ? names.join('.') : undefined;
}
const nameOf = (definition, text) => {
    const name = definition.getChild('VariableName');
    return name ? text.slice(name.from, name.to) : '';
};
/** Functions defined at the module's top level (also under a top-level `if` or `try`). */
function topLevelFunctions(top, text) {
    const names = [];
    top.cursor().iterate(node => {
        if (node.name === 'ClassDefinition')
            return false;
        if (node.name !== 'FunctionDefinition')
            return undefined;
        names.push(nameOf(node.node, text));
        return false;
    });
    return names;
}
function classify(call, name, text, aliases, decoded) {
    const args = call.getChild('ArgList');
    if (EXECUTORS.test(name) && args && executesDecoded(args, text, aliases, decoded))
        return 'decode-execute';
    if (LOADERS.test(name) && args && hasLiteralBytes(args, text, aliases))
        return 'decode-execute';
    if (NETWORK.test(name))
        return args && passesEnvironment(args, text, aliases) ? 'environment' : 'network';
    if (PROCESS.test(name))
        return args && passesEnvironment(args, text, aliases) ? 'environment' : 'process';
    if (args && passesEnvironment(args, text, aliases) && /\.write$|^json\.dump$/.test(name))
        return 'environment';
    return undefined;
}
/** `exec(b64decode(…))`, `exec(zlib.decompress(…))`, or `exec(payload)` where payload was decoded. */
function executesDecoded(args, text, aliases, decoded) {
    let hit = false;
    args.cursor().iterate(node => {
        if (hit)
            return false;
        if (node.name === 'CallExpression' && DECODERS.test(calleeName(node.node, text, aliases) ?? ''))
            hit = true;
        if (node.name === 'VariableName' && decoded.has(text.slice(node.from, node.to)))
            hit = true;
        return undefined;
    });
    return hit;
}
/**
 * `pickle.loads(b"…")`, or of bytes a decoder has just made (`pickle.loads(base64.b64decode(…))`):
 * the callee decides, so a round trip such as `pickle.loads(pickle.dumps(json_decode_error))` in
 * requests' tests is no payload.
 */
function hasLiteralBytes(args, text, aliases) {
    const first = args.firstChild?.nextSibling;
    if (first?.name === 'String')
        return true;
    if (first?.name !== 'CallExpression')
        return false;
    const callee = calleeName(first, text, aliases) ?? '';
    return (DECODERS.test(callee) || /(?:^|\.)(?:\w*decode\w*|decompress|fromhex|unhexlify)$/.test(callee));
}
/** The whole `os.environ` (not one variable read from it) handed to a call. */
function passesEnvironment(args, text, aliases) {
    let hit = false;
    args.cursor().iterate(node => {
        if (hit)
            return false;
        if (node.name !== 'MemberExpression' && node.name !== 'VariableName')
            return undefined;
        if (qualified(node.node, text, aliases) !== 'os.environ')
            return undefined;
        if (!readsOneVariable(node.node, text))
            hit = true;
        return false;
    });
    return hit;
}
/** `os.environ["X"]`, `os.environ.get("X")`: one variable, not the environment. */
function readsOneVariable(environ, text) {
    const parent = environ.parent;
    if (parent?.name !== 'MemberExpression' || parent.firstChild?.from !== environ.from)
        return false;
    const rest = text.slice(environ.to, parent.to).trim();
    return rest.startsWith('[') || /^\.(?:get|setdefault|__getitem__)$/.test(rest);
}
/** Runs when the module is imported: not inside a function or lambda, nor under `if __name__ == "__main__"`. */
function runsOnImport(node, text) {
    for (let at = node.parent; at; at = at.parent) {
        if (at.name === 'FunctionDefinition' || at.name === 'LambdaExpression')
            return false;
        if (at.name === 'IfStatement' && onlyAsScript(at, text))
            return false;
    }
    return true;
}
/** `if __name__ == "__main__":`, also as one `and` term (`if sys.platform != "win32" and __name__ …`). */
function onlyAsScript(statement, text) {
    const body = statement.getChild('Body');
    const condition = text.slice(statement.from, body ? body.from : statement.to);
    const main = /__name__\s*==\s*['"]__main__['"]|['"]__main__['"]\s*==\s*__name__/;
    return main.test(condition) && !/\bor\b/.test(condition);
}


/***/ })

};

//# sourceMappingURL=708.index.js.map