"""Site checks for a built output folder: links, 空白栏目/栏目不更新, footer and <meta>, Art. 26, personal data.

Not a Pelican plugin (no ``register()``): the checks read the finished site and take seconds, so
they run as ``gongkai sitecheck`` and as part of ``gongkai publish``, not on every preview build.
Entry point: :func:`gongkai.publish.checks.run.run_checks`.
"""
