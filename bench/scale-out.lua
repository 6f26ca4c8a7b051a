-- wrk script for bench/scale-out.sh: cycles through a mix of list, filter and permalink URLs so the
-- cache holds several entries, the way a population of clients would spread over the API.
local paths = {
  "/v1/observations",
  "/v1/observations?indicator=gdp",
  "/v1/observations?kind=derived",
  "/v1/observations?includeDerived=true&pageSize=10",
  "/v1/observations/china-gdp-2023-cny",
  "/v1/observations/multan-sukkur-motorway-travel-time-cut",
  "/v1/indicators",
  "/v1/entities",
  "/v1/sources",
  "/v1/releases/latest",
}
local i = 0

request = function()
  i = i + 1
  return wrk.format("GET", paths[(i % #paths) + 1])
end
