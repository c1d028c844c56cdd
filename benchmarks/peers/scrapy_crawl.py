#!/usr/bin/env python3
"""The Scrapy peer for Spoor's crawl benchmark.

Crawls the fixture marketplace from seed URLs the way `spoor scan` does: same hosts, same
total and per-host concurrency, robots.txt obeyed, no delay, links followed within the seed
hosts, and on every page the schema.org JSON-LD Product fields extracted (name, description,
price, currency). Prints one JSON line:

  {"engine":"scrapy","pages":N,"listings":N,"seconds":X,"pages_per_s":X,
   "cpu_s":X,"cpu_s_per_1000_pages":X,"peak_rss_mb":X}

Usage: scrapy_crawl.py --seeds URL [URL...] [--concurrency 64] [--per-host 8] [--max-pages N]
"""

import argparse
import json
import resource
import sys
import time
from urllib.parse import urlsplit

import scrapy
from scrapy.crawler import CrawlerProcess


def product_fields(node):
    """Yields the Product objects in a JSON-LD value (object, array or @graph)."""
    if isinstance(node, list):
        for item in node:
            yield from product_fields(item)
    elif isinstance(node, dict):
        kind = node.get("@type")
        kinds = kind if isinstance(kind, list) else [kind]
        if "Product" in kinds:
            yield node
        for key in ("@graph", "itemListElement", "item"):
            if key in node:
                yield from product_fields(node[key])


class MarketplaceSpider(scrapy.Spider):
    name = "marketplace"

    def __init__(self, seeds, **kwargs):
        super().__init__(**kwargs)
        self.start_urls = seeds
        self.allowed_hosts = {urlsplit(url).netloc for url in seeds}
        self.pages = 0
        self.listings = 0

    def parse(self, response):
        self.pages += 1
        for raw in response.css('script[type="application/ld+json"]::text').getall():
            try:
                data = json.loads(raw)
            except ValueError:
                continue
            for product in product_fields(data):
                offer = product.get("offers") or {}
                if isinstance(offer, list):
                    offer = offer[0] if offer else {}
                self.listings += 1
                yield {
                    "url": response.url,
                    "title": product.get("name"),
                    "description": product.get("description"),
                    "price": offer.get("price"),
                    "currency": offer.get("priceCurrency"),
                }
        if not isinstance(response, scrapy.http.TextResponse):
            return
        for href in response.css("a::attr(href)").getall():
            url = response.urljoin(href)
            if urlsplit(url).netloc in self.allowed_hosts:
                yield scrapy.Request(url, callback=self.parse)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", nargs="+", required=True)
    parser.add_argument("--concurrency", type=int, default=64)
    parser.add_argument("--per-host", type=int, default=8)
    parser.add_argument("--max-pages", type=int, default=0)
    parser.add_argument("--user-agent", default="SpoorBench/1.0 (+https://example.invalid/spoor)")
    args = parser.parse_args()

    process = CrawlerProcess(settings={
        "ROBOTSTXT_OBEY": True,
        "USER_AGENT": args.user_agent,
        "CONCURRENT_REQUESTS": args.concurrency,
        "CONCURRENT_REQUESTS_PER_DOMAIN": args.per_host,
        "DOWNLOAD_DELAY": 0,
        "AUTOTHROTTLE_ENABLED": False,
        "COOKIES_ENABLED": False,
        "TELNETCONSOLE_ENABLED": False,
        "LOG_LEVEL": "WARNING",
        "CLOSESPIDER_PAGECOUNT": args.max_pages,
        "ITEM_PIPELINES": {},
        "FEEDS": {},
    })
    crawler = process.create_crawler(MarketplaceSpider)
    started = time.monotonic()
    cpu_start = time.process_time()
    process.crawl(crawler, seeds=args.seeds)
    process.start()
    seconds = time.monotonic() - started
    cpu = time.process_time() - cpu_start
    spider = crawler.spider
    pages = spider.pages
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({
        "engine": "scrapy",
        "pages": pages,
        "listings": spider.listings,
        "seconds": round(seconds, 3),
        "pages_per_s": round(pages / seconds, 1) if seconds > 0 else 0,
        "cpu_s": round(cpu, 3),
        "cpu_s_per_1000_pages": round(cpu * 1000 / pages, 3) if pages else None,
        "peak_rss_mb": round(peak_mb, 1),
    }))
    return 0


if __name__ == "__main__":
    sys.exit(main())
