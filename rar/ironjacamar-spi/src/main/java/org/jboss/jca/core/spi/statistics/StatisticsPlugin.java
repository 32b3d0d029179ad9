/*
 * Copied from IronJacamar (ironjacamar-core-api 3.0.18.Final, the version WildFly 39 ships): the signatures only.
 * IronJacamar, a Jakarta EE Connector Architecture implementation. Copyright 2010, Red Hat Inc, and individual
 * contributors as indicated by the @author tags.
 *
 * This is free software; you can redistribute it and/or modify it under the terms of the GNU Lesser General Public
 * License as published by the Free Software Foundation; either version 2.1 of the License, or (at your option) any
 * later version.
 *
 * This software is distributed in the hope that it will be useful, but WITHOUT ANY WARRANTY; without even the
 * implied warranty of MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE. See the GNU Lesser General Public
 * License for more details.
 *
 * You should have received a copy of the GNU Lesser General Public License along with this software; if not, see
 * https://www.gnu.org/licenses/old-licenses/lgpl-2.1.html.
 */
package org.jboss.jca.core.spi.statistics;

import java.io.Serializable;
import java.util.Locale;
import java.util.Set;

/** Named statistics values, as WildFly's management model reads them. */
public interface StatisticsPlugin extends Serializable {

    /** The statistics' names. */
    Set<String> getNames();

    /** The type of a statistic's value. */
    @SuppressWarnings("rawtypes")
    Class getType(String name);

    /** A statistic's description. */
    String getDescription(String name);

    /** A statistic's description in a locale. */
    String getDescription(String name, Locale locale);

    /** A statistic's value. */
    Object getValue(String name);

    /** Whether statistics are collected. */
    boolean isEnabled();

    /** Turns collection on or off. */
    void setEnabled(boolean enabled);

    /** Resets the statistics. */
    void clear();
}
