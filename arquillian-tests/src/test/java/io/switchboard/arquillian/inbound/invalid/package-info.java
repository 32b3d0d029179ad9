/** Message-driven beans the adapter must refuse at deployment, each with one flaw and a message that names it. */
package io.switchboard.arquillian.inbound.invalid;
