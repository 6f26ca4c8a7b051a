# R's rsdmx (Debian r-cran-rsdmx) reads the SDMX data and structure as an economist's script would: readSDMX on a
# URL, as.data.frame. One row per figure in the dataflow, numeric obsValue, the dimensions and attributes; the DSD's
# qualifier codelist has the seven qualifiers.
suppressMessages(library(rsdmx))
base <- Sys.getenv("BASE")
expected <- readLines(Sys.getenv("EXPECTED_IDS"))
check <- function(ok, what) if (!isTRUE(ok)) { message("FAILED: ", what); quit(status = 1) }
read <- function(path) suppressWarnings(as.data.frame(readSDMX(paste0(base, path))))

columns <- c("INDICATOR", "REF_AREA", "COUNTERPART_AREA", "UNIT_MEASURE", "VALUE_KIND", "obsTime", "obsValue",
             "UNIT_MULT", "VALUE_QUALIFIER", "LOWER_BOUND", "LOWER_BOUND_INCLUSIVE", "UPPER_BOUND", "UPPER_BOUND_INCLUSIVE",
             "STATEMENT", "FIGURE_ID", "SOURCE_ID", "SOURCE_QUOTE", "QUOTE_START", "QUOTE_END", "PERIOD_AS_STATED",
             "PERIOD_INFERRED", "PERIOD_END")
for (format in c("", "?format=structurespecificdata")) {
  df <- read(paste0("/sdmx/2.1/data/FIGURES/all", format))
  if (format != "") names(df)[names(df) == "TIME_PERIOD"] <- "obsTime"
  if (format != "") names(df)[names(df) == "OBS_VALUE"] <- "obsValue"
  df$obsValue <- as.numeric(df$obsValue)
  label <- if (format == "") "Generic" else "StructureSpecific"
  check(nrow(df) == length(expected), sprintf("%s: %d rows for %d figures in the flow", label, nrow(df), length(expected)))
  check(setequal(df$FIGURE_ID, expected), paste(label, ": figure ids differ from the flow's"))
  check(all(columns %in% names(df)), paste(label, ": missing", paste(setdiff(columns, names(df)), collapse = ", ")))
  check(is.numeric(df$obsValue) && !anyNA(df$obsValue), paste(label, ": obsValue is not numeric"))
  check(!anyNA(df$obsTime) && all(nchar(df$obsTime) > 0), paste(label, ": an observation has no time"))
  check(all(df$VALUE_QUALIFIER %in% c("exact", "approximately", "more-than", "at-least", "nearly", "less-than", "at-most")), "qualifiers")
  cat(sprintf("rsdmx %s: %d observations, %d columns\n", label, nrow(df), ncol(df)))
}
all <- read("/sdmx/2.1/data/FIGURES/all")
cny <- all[all$UNIT_MEASURE == "CNY" & all$INDICATOR == "gdp", ]
check(cny$obsValue == 126 && cny$UNIT_MULT == "12" && cny$VALUE_QUALIFIER == "more-than" && cny$LOWER_BOUND == "126", "China's GDP in yuan")

filtered <- read("/sdmx/2.1/data/FIGURES/gdp+population.china._Z..actual")
check(nrow(filtered) == sum(all$INDICATOR %in% c("gdp", "population") & all$REF_AREA == "china"), "the filtered key's rows")
check(setequal(filtered$FIGURE_ID, c("china-gdp-2023-cny", "china-gdp-2023-usd", "china-population-2024")), "the filtered key's figures")
cat(sprintf("rsdmx filtered key gdp+population.china._Z..actual: %d observations\n", nrow(filtered)))

dsd <- readSDMX(paste0(base, "/sdmx/2.1/datastructure/INDICATORS/DSD_FIGURES/1.0?references=children"))
check(is(dsd, "SDMXDataStructureDefinition"), "the DSD message is read as a data structure definition")
codelists <- slot(dsd, "codelists")
ids <- sapply(slot(codelists, "codelists"), function(cl) slot(cl, "id"))
check(all(c("CL_INDICATOR", "CL_AREA", "CL_UNIT", "CL_VALUE_KIND", "CL_VALUE_QUALIFIER", "CL_UNIT_MULT") %in% ids), "codelists")
qualifiers <- as.data.frame(codelists, codelistId = "CL_VALUE_QUALIFIER")
check(nrow(qualifiers) == 7, sprintf("the qualifier codelist has %d codes", nrow(qualifiers)))
multipliers <- as.data.frame(codelists, codelistId = "CL_UNIT_MULT")
check("12" %in% multipliers$id, "UNIT_MULT 12 (trillions)")
components <- slot(slot(slot(dsd, "datastructures"), "datastructures")[[1]], "Components")
dimensions <- sapply(slot(components, "Dimensions"), function(d) slot(d, "conceptRef"))
check(identical(dimensions, c("INDICATOR", "REF_AREA", "COUNTERPART_AREA", "UNIT_MEASURE", "VALUE_KIND")), paste("dimensions:", paste(dimensions, collapse = ".")))
concepts <- as.data.frame(slot(dsd, "concepts"), conceptSchemeId = "CS_FIGURES")
check(all(c("VALUE_QUALIFIER", "UNIT_MULT", "SOURCE_QUOTE") %in% concepts$id), "concepts")
cat(sprintf("rsdmx DSD: %d codelists (qualifiers: %s), key %s\n", length(ids), paste(qualifiers$id, collapse = ", "), paste(dimensions, collapse = ".")))
