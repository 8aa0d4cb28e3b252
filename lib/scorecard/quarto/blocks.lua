-- Quarto's filter for the pack's blocks (_quarto.yml: filters), on both formats.
--
-- Commentary (::: {.commentary indicator="3"}) gets the id commentary-<first id>, so the indicator's
-- row in its section table can link to it (a label in the PDF, an id on the web page). The id is lower
-- case with every other character a hyphen, as scorecard.pack.layout.commentary_anchor makes it; a
-- block that has an id keeps it.
function Div(div)
  if not div.classes:includes("commentary") or div.identifier ~= "" then
    return nil
  end
  local first = (div.attributes["indicator"] or ""):match("%S+")
  if first == nil then
    return nil
  end
  div.identifier = "commentary-" .. first:lower():gsub("[^%w]+", "-")
  return div
end
