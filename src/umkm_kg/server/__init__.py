"""``umkm-kg serve``: the store's pages and SPARQL protocol, served by this process on 127.0.0.1.

- :mod:`~umkm_kg.server.app`: ``create_app`` and the order a request passes through;
- :mod:`~umkm_kg.server.guard`: HTTP version, Host, framing and target checks;
- :mod:`~umkm_kg.server.auth`: public reads, everything else with the token;
- :mod:`~umkm_kg.server.sparql_protocol`: the SPARQL protocol endpoints;
- :mod:`~umkm_kg.server.web`: the analyst's pages;
- :mod:`~umkm_kg.server.pool`, :mod:`~umkm_kg.server.evaluate`: killable query processes;
- :mod:`~umkm_kg.server.writer`, :mod:`~umkm_kg.server.store_access`: the store;
- :mod:`~umkm_kg.server.run`: uvicorn, signals.
"""
