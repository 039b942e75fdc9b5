<?php
$q = $_GET['q'] ?? '';
$results = search_catalog($q);
echo '<h2>Results for ' . $q . '</h2>';
echo '<p>' . count($results) . ' items found</p>';
