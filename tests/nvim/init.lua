-- End-to-end test of `gwlint lsp` with Neovim's own LSP client, run by
-- tests/lsp_nvim.sh as `nvim --headless --clean -u tests/nvim/init.lua`.
-- The editor configuration is gwlint.lua beside this file, the same text as
-- the README's Neovim snippet; the rest drives the editor and writes what it
-- received to $GWLINT_NVIM_OUT for the script to check.
local here = debug.getinfo(1, 'S').source:sub(2):match('(.*/)')
dofile(here .. 'gwlint.lua')

local dir = assert(os.getenv('GWLINT_NVIM_DIR'))
local out = assert(io.open(assert(os.getenv('GWLINT_NVIM_OUT')), 'w'))
local timeout = 10000

local function log(fmt, ...)
  out:write(string.format(fmt, ...), '\n')
  out:flush()
end

local function finish(ok)
  log(ok and 'done' or 'FAILED')
  out:close()
  vim.cmd(ok and 'qa!' or 'cq!')
end

-- Count publishDiagnostics per URI, so that an empty list can be waited for.
local published = {}
local default = vim.lsp.handlers['textDocument/publishDiagnostics']
vim.lsp.handlers['textDocument/publishDiagnostics'] = function(err, result, ctx, config)
  default(err, result, ctx, config)
  published[result.uri] = (published[result.uri] or 0) + 1
end

local function code_of(d)
  return d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
end

local function sorted(buf)
  local ds = vim.diagnostic.get(buf)
  table.sort(ds, function(a, b)
    if a.lnum ~= b.lnum then return a.lnum < b.lnum end
    if a.col ~= b.col then return a.col < b.col end
    return tostring(code_of(a)) < tostring(code_of(b))
  end)
  return ds
end

-- phase lnum:col-end_lnum:end_col code severity message (0-based, bytes)
local function dump(phase, buf)
  local ds = sorted(buf)
  for _, d in ipairs(ds) do
    log('%s %d:%d-%d:%d %s %d %s', phase, d.lnum, d.col, d.end_lnum, d.end_col,
      code_of(d), d.severity, d.message)
  end
  log('%s count %d', phase, #ds)
end

local function open(name)
  vim.cmd('edit ' .. vim.fn.fnameescape(dir .. '/' .. name))
  local buf = vim.api.nvim_get_current_buf()
  local uri = vim.uri_from_bufnr(buf)
  if not vim.wait(timeout, function() return (published[uri] or 0) > 0 end, 10) then
    log('%s: no diagnostics were published', name)
    finish(false)
  end
  return buf, uri
end

local function wait_for(buf, what, pred)
  if not vim.wait(timeout, function() return pred(vim.diagnostic.get(buf)) end, 10) then
    log('timed out waiting for %s', what)
    dump('timeout', buf)
    finish(false)
  end
end

local function without(code)
  return function(ds)
    for _, d in ipairs(ds) do
      if code_of(d) == code then return false end
    end
    return true
  end
end

local function request(buf, method, params)
  local res, err = vim.lsp.buf_request_sync(buf, method, params, timeout)
  if os.getenv('GWLINT_NVIM_DEBUG') then log('debug %s %s %s', method, vim.inspect(res), vim.inspect(err)) end
  res = res or {}
  for _, r in pairs(res) do
    if r.result then return r.result end
  end
end

local function client_encoding(buf)
  for _, c in pairs(vim.lsp.buf_get_clients(buf)) do
    if c.name == 'gwlint' then return c.offset_encoding or 'utf-16' end
  end
  return 'utf-16'
end

local function main()
-- The LSP position of a buffer position (0-based line, byte column).
local function lsp_pos(buf, lnum, col)
  if client_encoding(buf) == 'utf-8' then
    return { line = lnum, character = col }
  end
  local line = vim.api.nvim_buf_get_lines(buf, lnum, lnum + 1, false)[1] or ''
  local _, utf16 = vim.str_utfindex(line, col)
  return { line = lnum, character = utf16 }
end

-- 1. A bad settings file: its findings.
local buf, uri = open('settings.yaml')
wait_for(buf, 'findings', function(ds) return #ds >= 3 end)
dump('open', buf)

-- 2. Type the fix of GW401 (an incremental change).
for _, d in ipairs(sorted(buf)) do
  if code_of(d) == 'GW401' then
    vim.api.nvim_buf_set_text(buf, d.lnum, d.col, d.end_lnum, d.end_col, { 'LoadBalancer' })
  end
end
wait_for(buf, 'GW401 to go', without('GW401'))
dump('typed', buf)

-- 3. Hover on the key service.type.
local hover = request(buf, 'textDocument/hover', {
  textDocument = { uri = uri }, position = { line = 2, character = 3 },
})
log('hover %s', hover and hover.contents and hover.contents.value:match('^[^\n]*') or 'none')

-- 4. Apply the quick fixes of the other two findings.
for _, code in ipairs({ 'GW302', 'GW201' }) do
  for _, d in ipairs(sorted(buf)) do
    if code_of(d) == code then
      local range = {
        start = lsp_pos(buf, d.lnum, d.col),
        ['end'] = lsp_pos(buf, d.end_lnum, d.end_col),
      }
      local actions = request(buf, 'textDocument/codeAction', {
        textDocument = { uri = uri }, range = range,
        context = { diagnostics = {}, only = { 'quickfix' } },
      }) or {}
      for _, a in ipairs(actions) do
        log('action %s: %s', code, a.title)
        vim.lsp.util.apply_workspace_edit(a.edit, client_encoding(buf))
      end
    end
  end
  wait_for(buf, code .. ' to go', without(code))
end
wait_for(buf, 'no findings', function(ds) return #ds == 0 end)
dump('fixed', buf)
local lines = vim.api.nvim_buf_get_lines(buf, 0, -1, false)
log('line 1 %s', lines[1])
log('line 2 starts %s', lines[2]:sub(1, 35))
log('line 3 %s', lines[3])

-- 5. Completion of a key being typed on a new line.
vim.api.nvim_buf_set_lines(buf, 3, 3, false, { 'service.ty' })
local items = request(buf, 'textDocument/completion', {
  textDocument = { uri = uri }, position = { line = 3, character = 10 },
}) or {}
for _, it in ipairs(items.items or items) do
  if it.label == 'service.type' then
    local r = it.textEdit.range
    log('completion %s %d:%d-%d:%d %q', it.label, r.start.line, r.start.character,
      r['end'].line, r['end'].character, it.textEdit.newText)
  end
end
vim.api.nvim_buf_set_lines(buf, 3, 4, false, {})
wait_for(buf, 'no findings again', function(ds) return #ds == 0 end)

-- 6. JSON on one line with non-ASCII text before the findings: UTF-16
-- positions from the server, byte columns in the editor.
buf = open('settings.json')
wait_for(buf, 'JSON findings', function(ds) return #ds >= 2 end)
dump('json', buf)

-- 7. A script and a Markdown page without a gateway command: no findings.
for _, name in ipairs({ 'deploy.sh', 'NOTES.md' }) do
  buf = open(name)
  dump(name, buf)
end

finish(true)
end

-- After start-up, as a user would: filetype detection is on by then.
vim.api.nvim_create_autocmd('VimEnter', {
  once = true,
  callback = function() vim.schedule(main) end,
})
