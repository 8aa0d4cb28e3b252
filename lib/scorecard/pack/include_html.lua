-- Quarto filter (_quarto.yml, at: post-render): put each table's HTML into the web page.
--
-- A table's HTML reaches Quarto as a placeholder, `<!-- pack-include build/pack-files/NAME.html -->`
-- (scorecard/pack/outputs.py), and only this filter, the last to run, reads the file in. Quarto's
-- own Lua filters walk every block of the document dozens of times, and carrying hundreds of kB of
-- table HTML through them is a large part of a render (bench/README.md measures it).
function RawBlock(el)
  if el.format ~= "html" then
    return nil
  end
  local path = el.text:match("^<!%-%- pack%-include (build/pack%-files/[%w%-]+%.html) %-%->$")
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
