<?php
$feed = $_POST['feed'] ?? '';
$rss = simplexml_load_string($feed, 'SimpleXMLElement', LIBXML_NOENT);
foreach ($rss->channel->item as $item) {
    echo htmlspecialchars((string) $item->title), "<br>\n";
}
