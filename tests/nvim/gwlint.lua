-- gwlint in Neovim (0.7 or later): diagnostics, quick fixes, hover and
-- completion for gateway settings, scripts and Markdown.
local gwlint_client
vim.api.nvim_create_autocmd('FileType', {
  pattern = { 'yaml', 'json', 'sh', 'bash', 'ps1', 'markdown' },
  callback = function(args)
    local config = {
      name = 'gwlint',
      cmd = { 'gwlint', 'lsp' },
      root_dir = vim.fn.getcwd(),
    }
    if vim.lsp.start then -- Neovim 0.8 and later
      vim.lsp.start(config, { bufnr = args.buf })
    else
      gwlint_client = gwlint_client or vim.lsp.start_client(config)
      vim.lsp.buf_attach_client(args.buf, gwlint_client)
    end
  end,
})
