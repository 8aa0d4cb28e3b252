-- Quarto filter (_quarto.yml, at: post-render): put each table's HTML into the web page.
--
-- A table's HTML reaches Quarto as a placeholder, `<!-- pack-include build/pack-files/NAME.html -->`
-- (scorecard/pack/outputs.py), and only this filter, the last to run, reads the file in: Quarto's
-- own Lua filters walk every block of the document many times, and table HTML is the bulk of it
-- (bench/README.md).
--
-- great_tables gives every table its own copy of one stylesheet, scoped by the table's id. Tables
-- whose stylesheets differ only in that id share one copy here, scoped by `:is(#id1, #id2, ...)`,
-- which has the same specificity as `#id1`, so every rule applies exactly as before.

local PLACEHOLDER = "^<!%-%- pack%-include (build/pack%-files/[%w%-]+%.html) %-%->$"
local STYLE = "^(<div id=\"(gt%-[%w]+)\"[^>]*>%s*)<style>(.-)</style>"

local function include(el)
  if el.format ~= "html" then
    return nil
  end
  local path = el.text:match(PLACEHOLDER)
  if path == nil then
    return nil
  end
  local file = io.open(path, "r")
  if file == nil then
    error("scorecard: " .. path .. " is missing; render again (the report's cells write it)")
  end
  local html = file:read("a")
  file:close()
  return pandoc.RawBlock("html", html)
end

-- Every plain (not pattern) occurrence of `old` in `text` replaced by `new`.
local function replace_plain(text, old, new)
  local parts, from = {}, 1
  while true do
    local first, last = text:find(old, from, true)
    if first == nil then
      break
    end
    parts[#parts + 1] = text:sub(from, first - 1)
    parts[#parts + 1] = new
    from = last + 1
  end
  parts[#parts + 1] = text:sub(from)
  return table.concat(parts)
end

local function gt_style(el)
  if el.format ~= "html" then
    return nil
  end
  local _, id, css = el.text:match(STYLE)
  if id == nil then
    return nil
  end
  return id, replace_plain(css, "#" .. id, "#GT-ID")
end

function Pandoc(doc)
  doc = doc:walk({ RawBlock = include })
  local ids, order = {}, {}  -- shared stylesheet -> the ids of the tables that use it
  doc:walk({
    RawBlock = function(el)
      local id, shared = gt_style(el)
      if id ~= nil then
        if ids[shared] == nil then
          ids[shared], order[#order + 1] = {}, shared
        end
        table.insert(ids[shared], id)
      end
    end,
  })
  local written = {}
  return doc:walk({
    RawBlock = function(el)
      local id, shared = gt_style(el)
      if id == nil then
        return nil
      end
      local head, _, _ = el.text:match(STYLE)
      local style = ""
      if not written[shared] then
        written[shared] = true
        local scope = #ids[shared] == 1 and "#" .. id or ":is(#" .. table.concat(ids[shared], ", #") .. ")"
        style = "<style>" .. replace_plain(shared, "#GT-ID", scope) .. "</style>"
      end
      local _, last = el.text:find(STYLE)
      return pandoc.RawBlock("html", head .. style .. el.text:sub(last + 1))
    end,
  })
end
