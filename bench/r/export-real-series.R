# Exports the monthly series of R's data packages and R forecast's own answers to the
# year-end question into bench/data/real-series.json (issue 10). Run once via bench/r/export.sh;
# the bench and CI read the JSON and never need R.
#
# Year-end question: given January..month m of year Y and the earlier full years (at most
# HISTORY_YEARS of them), forecast the total of year Y. For every case R's ets() and
# auto.arima() (default settings) give the point forecast of the total (year to date + the sum
# of the mean forecasts) and 80 % / 95 % intervals of the total:
#   - auto.arima: exact for the fitted model, Var(sum) = sigma^2 * sum_k (sum_{j<=r-k} psi_j)^2
#     with the psi weights of the full (differenced, seasonal) model;
#   - ets: quantiles of N_SIM simulated future paths (multiplicative models have no closed form).
suppressMessages({
  library(forecast)
  library(jsonlite)
})

args <- commandArgs(trailingOnly = TRUE)
out_file <- if (length(args) >= 1) args[1] else "bench/data/real-series.json"

PACKAGES <- c("datasets", "forecast", "AER", "tseries", "strucchange", "MASS", "boot")
MONTHS <- c(3L, 4L, 8L)
HISTORY_YEARS <- 8L   # earlier full years given to each case (an economist's ledger has 3–8)
MIN_EARLIER <- 4L     # earlier full years a case needs (so its own backtest has some years)
MAX_END_YEARS <- 12L  # end years per series, spread evenly over the eligible ones
N_SIM <- 500L

collect_series <- function() {
  found <- list()
  for (p in PACKAGES) {
    if (!requireNamespace(p, quietly = TRUE)) next
    items <- tryCatch(data(package = p)$results[, "Item"], error = function(e) character(0))
    for (item in items) {
      name <- sub(" .*", "", item)
      env <- new.env()
      ok <- tryCatch({
        suppressWarnings(data(list = name, package = p, envir = env))
        exists(name, envir = env)
      }, error = function(e) FALSE)
      if (!ok) next
      x <- get(name, envir = env)
      if (!is.ts(x) || frequency(x) != 12) next
      cols <- if (is.matrix(x)) colnames(x) else name
      for (j in seq_along(cols)) {
        v <- if (is.matrix(x)) x[, j] else x
        v <- ts(as.numeric(v), start = start(x), frequency = 12)
        v <- na.omit(v)
        id <- if (is.matrix(x)) paste0(p, "::", name, "[", cols[j], "]") else paste0(p, "::", name)
        found[[length(found) + 1]] <- list(id = id, x = v)
      }
    }
  }
  found
}

# Full calendar years only; strictly positive series (errors are % of the year's outcome and
# the economist's rows are costs); duplicates (MASS copies of datasets) dropped.
prepare <- function(found) {
  out <- list()
  seen <- character(0)
  for (s in found) {
    x <- s$x
    if (any(!is.finite(x)) || any(x <= 0)) next
    st <- start(x)
    first <- if (st[2] == 1) st[1] else st[1] + 1
    en <- end(x)
    last <- if (en[2] == 12) en[1] else en[1] - 1
    if (last - first + 1 < MIN_EARLIER + 1) next
    x <- window(x, start = c(first, 1), end = c(last, 12))
    key <- paste(signif(as.numeric(x), 10), collapse = ",")
    if (key %in% seen) next
    seen <- c(seen, key)
    out[[length(out) + 1]] <- list(id = s$id, first = first, last = last, x = x)
  }
  out
}

end_years <- function(s) {
  eligible <- (s$first + MIN_EARLIER):s$last
  if (length(eligible) <= MAX_END_YEARS) return(eligible)
  unique(eligible[round(seq(1, length(eligible), length.out = MAX_END_YEARS))])
}

expand_poly <- function(a, b) {
  out <- rep(0, length(a) + length(b) - 1)
  for (i in seq_along(a)) out[i:(i + length(b) - 1)] <- out[i:(i + length(b) - 1)] + a[i] * b
  out
}

# Variance of the sum of the next r values of a fitted Arima, from its psi weights.
arima_sum_sd <- function(fit, r) {
  arma <- fit$arma # p, q, P, Q, period, d, D
  co <- fit$coef
  period <- arma[5]
  ar <- if (arma[1] > 0) co[paste0("ar", seq_len(arma[1]))] else numeric(0)
  ma <- if (arma[2] > 0) co[paste0("ma", seq_len(arma[2]))] else numeric(0)
  sar <- if (arma[3] > 0) co[paste0("sar", seq_len(arma[3]))] else numeric(0)
  sma <- if (arma[4] > 0) co[paste0("sma", seq_len(arma[4]))] else numeric(0)
  phi <- c(1, -ar)
  if (length(sar)) {
    s <- rep(0, period * length(sar) + 1); s[1] <- 1
    s[period * seq_along(sar) + 1] <- -sar
    phi <- expand_poly(phi, s)
  }
  for (i in seq_len(arma[6])) phi <- expand_poly(phi, c(1, -1))
  for (i in seq_len(arma[7])) { s <- rep(0, period + 1); s[1] <- 1; s[period + 1] <- -1; phi <- expand_poly(phi, s) }
  theta <- c(1, ma)
  if (length(sma)) {
    s <- rep(0, period * length(sma) + 1); s[1] <- 1
    s[period * seq_along(sma) + 1] <- sma
    theta <- expand_poly(theta, s)
  }
  psi <- c(1, if (r > 1) ARMAtoMA(ar = -phi[-1], ma = theta[-1], lag.max = r - 1) else numeric(0))
  cum <- cumsum(psi)
  sqrt(fit$sigma2 * sum(cum[r:1]^2))
}

Z80 <- qnorm(0.9)
Z95 <- qnorm(0.975)

one_case <- function(s, year, m) {
  if (Sys.getenv("EXPORT_SERIES_ONLY") == "1") {
    outcome <- sum(window(s$x, start = c(year, 1), end = c(year, 12)))
    return(list(year = year, m = m, outcome = outcome, ets = list(error = "skipped"), arima = list(error = "skipped")))
  }
  from <- max(s$first, year - HISTORY_YEARS)
  x <- window(s$x, start = c(from, 1), end = c(year, m))
  outcome <- sum(window(s$x, start = c(year, 1), end = c(year, 12)))
  ytd <- sum(window(s$x, start = c(year, 1), end = c(year, m)))
  r <- 12L - m
  set.seed(year * 100 + m)
  res <- list(year = year, m = m, outcome = outcome)
  e <- tryCatch({
    fit <- ets(x)
    point <- ytd + sum(forecast(fit, h = r)$mean)
    sims <- vapply(seq_len(N_SIM), function(i) sum(simulate(fit, nsim = r, future = TRUE)), 0)
    q <- quantile(ytd + sims, c(0.025, 0.1, 0.9, 0.975), names = FALSE)
    list(model = fit$method, point = point, lo95 = q[1], lo80 = q[2], hi80 = q[3], hi95 = q[4])
  }, error = function(err) list(error = conditionMessage(err)))
  a <- tryCatch({
    fit <- auto.arima(x)
    point <- ytd + sum(forecast(fit, h = r)$mean)
    sd <- arima_sum_sd(fit, r)
    list(model = as.character(fit), point = point,
         lo95 = point - Z95 * sd, lo80 = point - Z80 * sd, hi80 = point + Z80 * sd, hi95 = point + Z95 * sd)
  }, error = function(err) list(error = conditionMessage(err)))
  res$ets <- e
  res$arima <- a
  res
}

series <- prepare(collect_series())
jobs <- list()
for (i in seq_along(series)) {
  ys <- end_years(series[[i]])
  for (k in seq_along(ys)) for (m in MONTHS) jobs[[length(jobs) + 1]] <- c(i, ys[k], m, k)
}
# Round robin over the series (first end year of every series, then the second, ...), so that a
# partial run still covers every series evenly.
jobs <- jobs[order(vapply(jobs, function(j) j[4], 0), vapply(jobs, function(j) j[1], 0))]
limit <- as.integer(Sys.getenv("EXPORT_LIMIT", "0"))
if (limit > 0) jobs <- jobs[seq_len(min(limit, length(jobs)))]
key_of <- function(j) paste(j[1] - 1L, j[2], j[3])
parts_dir <- paste0(out_file, ".parts")
dir.create(parts_dir, showWarnings = FALSE, recursive = TRUE)

# Worker mode (EXPORT_WORKER=i, EXPORT_WORKERS=n): every n-th case, one JSON line each, appended
# as it is done, so an interrupted export resumes where it stopped.
worker <- Sys.getenv("EXPORT_WORKER", "")
if (worker != "") {
  w <- as.integer(worker)
  n_workers <- as.integer(Sys.getenv("EXPORT_WORKERS", "1"))
  part <- file.path(parts_dir, paste0("part-", w, ".jsonl"))
  done <- if (file.exists(part)) vapply(readLines(part), function(l) { x <- fromJSON(l); paste(x$series, x$year, x$m) }, "") else character(0)
  con <- file(part, open = "a")
  message(length(series), " series, ", length(jobs), " cases; worker ", w, "/", n_workers, ", ", length(done), " done before")
  for (idx in seq_along(jobs)) {
    if ((idx - 1L) %% n_workers != w) next
    j <- jobs[[idx]]
    if (key_of(j) %in% done) next
    started <- Sys.time()
    r <- one_case(series[[j[1]]], j[2], j[3])
    r$series <- j[1] - 1L
    r$seconds <- as.numeric(difftime(Sys.time(), started, units = "secs"))
    writeLines(toJSON(r, auto_unbox = TRUE, digits = I(10), null = "null"), con)
    flush(con)
  }
  close(con)
  quit(save = "no")
}

# Collect mode: every worker's lines into the one JSON file the bench reads.
results <- list()
for (f in list.files(parts_dir, pattern = "\\.jsonl$", full.names = TRUE)) {
  for (l in readLines(f)) {
    x <- fromJSON(l, simplifyVector = FALSE)
    x$seconds <- NULL
    results[[length(results) + 1]] <- x
  }
}
results <- results[order(vapply(results, function(x) x$series * 1e6 + x$year * 100 + x$m, 0))]
message(length(results), " of ", length(jobs), " cases collected")

doc <- list(
  source = paste0("R ", R.version$major, ".", R.version$minor, ", forecast ", packageVersion("forecast"),
                  "; packages ", paste(PACKAGES, collapse = ", ")),
  question = "Total of year Y given Jan..m of Y and at most historyYears earlier full years",
  historyYears = HISTORY_YEARS,
  months = MONTHS,
  nSim = N_SIM,
  series = lapply(series, function(s) list(id = s$id, firstYear = s$first, values = as.numeric(s$x))),
  cases = results
)
writeLines(toJSON(doc, auto_unbox = TRUE, digits = I(10), null = "null"), out_file)
message("wrote ", out_file)
