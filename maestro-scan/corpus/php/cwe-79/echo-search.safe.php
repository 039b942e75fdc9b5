<?php
$q = $_GET['q'] ?? '';
$results = search_catalog($q);
echo '<h2>Results for ' . htmlspecialchars($q, ENT_QUOTES, 'UTF-8') . '</h2>';
echo '<p>' . count($results) . ' items found</p>';
